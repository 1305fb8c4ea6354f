import json

from django.urls import reverse
from rest_framework import status
from rest_framework.test import APITestCase

from articles.models import Article

DETAIL_KEYS = {'id', 'title', 'content', 'created_at', 'updated_at'}


class ArticleApiTestCase(APITestCase):
    """Two articles to read, change and delete; helpers to prove a bad request wrote nothing."""

    @classmethod
    def setUpTestData(cls):
        cls.first = Article.objects.create(title='First', content='one')
        cls.korean = Article.objects.create(title='안녕, DRF', content='시리얼라이저(serializer)')

    def list_url(self):
        return reverse('articles:api_article_list')

    def detail_url(self, pk):
        return reverse('articles:api_article_detail', args=[pk])

    def missing_pk(self):
        return (Article.objects.order_by('-pk').values_list('pk', flat=True).first() or 0) + 1

    def snapshot(self):
        return list(Article.objects.order_by('pk').values())

    def send(self, method, url, body, content_type='application/json'):
        """Send ``body`` exactly as given: bytes or text, not re-encoded by the test client."""
        return self.client.generic(method.upper(), url, body, content_type=content_type)

    def assert_json_error(self, response, code):
        self.assertEqual(response.status_code, code, response.content[:300])
        self.assertEqual(response['Content-Type'], 'application/json')
        return response.json()


class ArticleCrudTests(ArticleApiTestCase):
    """GET/POST /api/v1/articles/, GET/PUT/DELETE /api/v1/articles/<pk>/."""

    def test_list_is_id_and_title_newest_first(self):
        response = self.client.get(self.list_url())
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        self.assertEqual(response['Content-Type'], 'application/json')
        self.assertEqual(
            response.json(),
            [
                {'id': self.korean.pk, 'title': '안녕, DRF'},
                {'id': self.first.pk, 'title': 'First'},
            ],
        )

    def test_create_answers_201_with_the_whole_article(self):
        response = self.client.post(
            self.list_url(), {'title': '새 글', 'content': '내용'}, format='json'
        )
        self.assertEqual(response.status_code, status.HTTP_201_CREATED)
        body = response.json()
        self.assertLessEqual(DETAIL_KEYS, body.keys())
        self.assertEqual((body['title'], body['content']), ('새 글', '내용'))
        article = Article.objects.get(pk=body['id'])
        self.assertEqual((article.title, article.content), ('새 글', '내용'))
        self.assertEqual(Article.objects.count(), 3)

    def test_create_ignores_read_only_fields(self):
        response = self.client.post(
            self.list_url(),
            {
                'id': 999,
                'title': 't',
                'content': 'c',
                'created_at': '2000-01-01T00:00:00Z',
            },
            format='json',
        )
        self.assertEqual(response.status_code, status.HTTP_201_CREATED)
        self.assertNotEqual(response.json()['id'], 999)
        self.assertFalse(response.json()['created_at'].startswith('2000'))

    def test_a_title_of_exactly_100_characters_is_fine(self):
        response = self.client.post(
            self.list_url(), {'title': '가' * 100, 'content': 'c'}, format='json'
        )
        self.assertEqual(response.status_code, status.HTTP_201_CREATED)

    def test_detail_is_the_whole_article(self):
        response = self.client.get(self.detail_url(self.korean.pk))
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        body = response.json()
        self.assertLessEqual(DETAIL_KEYS, body.keys())
        self.assertEqual(
            (body['id'], body['title'], body['content']),
            (self.korean.pk, '안녕, DRF', '시리얼라이저(serializer)'),
        )
        self.assertIn('안녕, DRF'.encode(), response.content)  # UTF-8 on the wire, not \\uXXXX

    def test_put_updates_the_article(self):
        response = self.client.put(
            self.detail_url(self.first.pk),
            {'title': '고친 제목', 'content': '고친 내용'},
            format='json',
        )
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        self.assertEqual(
            (response.json()['id'], response.json()['title']), (self.first.pk, '고친 제목')
        )
        self.first.refresh_from_db()
        self.assertEqual((self.first.title, self.first.content), ('고친 제목', '고친 내용'))
        self.assertEqual(Article.objects.count(), 2, 'updated, not created')

    def test_delete_answers_204_with_an_empty_body(self):
        response = self.client.delete(self.detail_url(self.first.pk))
        self.assertEqual(response.status_code, status.HTTP_204_NO_CONTENT)
        self.assertEqual(response.content, b'')
        self.assertFalse(Article.objects.filter(pk=self.first.pk).exists())
        self.assertTrue(Article.objects.filter(pk=self.korean.pk).exists())
        gone = self.client.get(self.detail_url(self.first.pk))
        self.assert_json_error(gone, status.HTTP_404_NOT_FOUND)


class ArticleBadInputTests(ArticleApiTestCase):
    """What DRF validates is a 4xx with a JSON reason, and changes nothing."""

    def writes(self):
        """(method, url) of every route that accepts a body."""
        return [('post', self.list_url()), ('put', self.detail_url(self.first.pk))]

    def assert_refused(self, body, code, content_type='application/json', field=None):
        before = self.snapshot()
        for method, url in self.writes():
            with self.subTest(
                method=method, body=body[:60] if isinstance(body, (str, bytes)) else body
            ):
                data = body if isinstance(body, (str, bytes)) else json.dumps(body)
                response = self.send(method, url, data, content_type)
                errors = self.assert_json_error(response, code)
                if field:
                    self.assertIn(field, errors)
                    self.assertIsInstance(errors[field], list)
                    self.assertTrue(all(isinstance(message, str) for message in errors[field]))
        self.assertEqual(self.snapshot(), before, 'nothing was written')

    def test_malformed_json_is_400(self):
        for body in (
            '{"title": "t", "content": ',
            "{'title': 't'}",
            '{"title": NaN, "content": "c"}',
        ):
            self.assert_refused(body, status.HTTP_400_BAD_REQUEST)

    def test_json_that_is_not_utf8_is_400(self):
        self.assert_refused(b'{"title": "\xff\xfe", "content": "c"}', status.HTTP_400_BAD_REQUEST)

    def test_a_body_that_is_not_json_is_415(self):
        self.assert_refused(
            'title=t&content=c', status.HTTP_415_UNSUPPORTED_MEDIA_TYPE, content_type='text/plain'
        )
        self.assert_refused(
            '<article><title>t</title></article>',
            status.HTTP_415_UNSUPPORTED_MEDIA_TYPE,
            content_type='application/xml',
        )

    def test_wrong_types_are_400_with_field_errors(self):
        for wrong in (['a', 'list'], {'a': 'dict'}, True, None):
            self.assert_refused(
                {'title': wrong, 'content': 'c'}, status.HTTP_400_BAD_REQUEST, field='title'
            )
            self.assert_refused(
                {'title': 't', 'content': wrong}, status.HTTP_400_BAD_REQUEST, field='content'
            )

    def test_missing_fields_are_400_with_field_errors(self):
        self.assert_refused({'content': 'c'}, status.HTTP_400_BAD_REQUEST, field='title')
        self.assert_refused({'title': 't'}, status.HTTP_400_BAD_REQUEST, field='content')
        self.assert_refused({}, status.HTTP_400_BAD_REQUEST, field='title')

    def test_blank_title_is_400(self):
        self.assert_refused(
            {'title': '', 'content': 'c'}, status.HTTP_400_BAD_REQUEST, field='title'
        )

    def test_a_title_over_100_characters_is_400(self):
        self.assert_refused(
            {'title': 'x' * 101, 'content': 'c'}, status.HTTP_400_BAD_REQUEST, field='title'
        )
        self.assert_refused(
            {'title': '가' * 101, 'content': 'c'}, status.HTTP_400_BAD_REQUEST, field='title'
        )

    def test_a_json_list_instead_of_an_object_is_400(self):
        self.assert_refused([{'title': 't', 'content': 'c'}], status.HTTP_400_BAD_REQUEST)
        self.assert_refused('"just a string"', status.HTTP_400_BAD_REQUEST)

    def test_a_nul_character_is_400(self):
        self.assert_refused(
            {'title': 'a\x00b', 'content': 'c'}, status.HTTP_400_BAD_REQUEST, field='title'
        )
        self.assert_refused(
            {'title': 't', 'content': 'a\x00b'}, status.HTTP_400_BAD_REQUEST, field='content'
        )

    def test_unknown_pk_is_404_json(self):
        before = self.snapshot()
        url = self.detail_url(self.missing_pk())
        for method in ('get', 'put', 'delete'):
            with self.subTest(method=method):
                response = self.send(method, url, json.dumps({'title': 't', 'content': 'c'}))
                self.assertIn('detail', self.assert_json_error(response, status.HTTP_404_NOT_FOUND))
        self.assertEqual(self.snapshot(), before)

    def test_a_pk_that_is_not_a_number_matches_no_route_404(self):
        """``<int:pk>`` matches digits only: no view runs, so it is Django's 404, not DRF's."""
        before = self.snapshot()
        for pk in ('abc', '1.5', '-1', '%EC%95%88'):
            for method in ('get', 'put', 'delete'):
                with self.subTest(pk=pk, method=method):
                    response = self.send(
                        method,
                        f'{self.list_url()}{pk}/',
                        json.dumps({'title': 't', 'content': 'c'}),
                    )
                    self.assertEqual(response.status_code, status.HTTP_404_NOT_FOUND)
        self.assertEqual(self.snapshot(), before)

    def test_methods_not_allowed_are_405_with_allow(self):
        before = self.snapshot()
        cases = [
            (self.list_url(), ('put', 'patch', 'delete'), {'GET', 'POST'}),
            (self.detail_url(self.first.pk), ('post', 'patch'), {'GET', 'PUT', 'DELETE'}),
        ]
        for url, methods, allowed in cases:
            for method in methods:
                with self.subTest(url=url, method=method):
                    response = self.send(method, url, json.dumps({'title': 't', 'content': 'c'}))
                    body = self.assert_json_error(response, status.HTTP_405_METHOD_NOT_ALLOWED)
                    self.assertIn(method.upper(), body['detail'])
                    header = {m.strip() for m in response['Allow'].split(',')}
                    self.assertLessEqual(allowed, header)
                    self.assertNotIn(method.upper(), header)
        self.assertEqual(self.snapshot(), before)

    def test_a_bad_request_to_a_missing_article_is_still_a_4xx(self):
        response = self.send('put', self.detail_url(self.missing_pk()), '{not json')
        self.assertIn(
            response.status_code, (status.HTTP_400_BAD_REQUEST, status.HTTP_404_NOT_FOUND)
        )
        self.assertEqual(response['Content-Type'], 'application/json')
