from http import HTTPStatus
from unittest import mock

from django.test import TestCase, override_settings
from django.urls import reverse

from articles.models import Article


class ArticlePagesTests(TestCase):
    """The server-rendered pages: GET only, HTML, 404 for a missing article."""

    fixtures = ['articles.json']

    def test_list_renders_every_article_as_html(self):
        response = self.client.get(reverse('articles:article_list'))
        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertEqual(response['Content-Type'], 'text/html; charset=utf-8')
        for article in Article.objects.all():
            self.assertContains(response, article.title)

    def test_list_without_slash_redirects_permanently(self):
        response = self.client.get('/articles')
        self.assertEqual(response.status_code, HTTPStatus.MOVED_PERMANENTLY)
        self.assertEqual(response['Location'], reverse('articles:article_list'))

    def test_detail_renders_one_article(self):
        article = Article.objects.get(title='안녕하세요, HTTP')
        response = self.client.get(reverse('articles:article_detail', args=[article.pk]))
        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertContains(response, article.title)
        self.assertContains(response, '요청(request)')

    def test_detail_of_missing_article_is_404(self):
        missing = Article.objects.order_by('-pk').first().pk + 1
        response = self.client.get(reverse('articles:article_detail', args=[missing]))
        self.assertEqual(response.status_code, HTTPStatus.NOT_FOUND)

    def test_detail_with_a_pk_that_is_not_a_number_is_404(self):
        self.assertEqual(self.client.get('/articles/abc/').status_code, HTTPStatus.NOT_FOUND)

    def test_pages_refuse_methods_that_would_change_data(self):
        article = Article.objects.first()
        count = Article.objects.count()
        for url in (
            reverse('articles:article_list'),
            reverse('articles:article_detail', args=[article.pk]),
        ):
            for method in ('post', 'put', 'patch', 'delete'):
                with self.subTest(url=url, method=method):
                    response = getattr(self.client, method)(url)
                    self.assertEqual(response.status_code, HTTPStatus.METHOD_NOT_ALLOWED)
                    self.assertEqual(response['Allow'], 'GET, HEAD')
        self.assertEqual(Article.objects.count(), count, 'nothing was written or deleted')

    def test_unknown_path_is_404(self):
        self.assertEqual(self.client.get('/no-such-page/').status_code, HTTPStatus.NOT_FOUND)


class EchoTests(TestCase):
    """/echo/ reports what the server received, for any method."""

    def test_echo_reports_method_path_query_headers_and_body(self):
        url = (
            reverse('articles:echo', kwargs={'rest': 'a/b'})
            + '?tag=http&tag=uri&q=%ED%95%9C%EA%B8%80'
        )
        response = self.client.put(
            url,
            data='hello 안녕',
            content_type='text/plain; charset=utf-8',
            headers={'X-Course': 'lesson-01'},
        )
        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertEqual(response['Content-Type'], 'application/json')
        received = response.json()
        self.assertEqual(received['method'], 'PUT')
        self.assertEqual(received['path'], '/echo/a/b')
        self.assertEqual(received['query'], {'tag': ['http', 'uri'], 'q': ['한글']})
        self.assertEqual(received['headers']['X-Course'], 'lesson-01')
        self.assertEqual(received['body'], 'hello 안녕')

    def test_echo_answers_every_method(self):
        for method in ('get', 'post', 'put', 'patch', 'delete', 'options'):
            with self.subTest(method=method):
                response = getattr(self.client, method)(
                    reverse('articles:echo', kwargs={'rest': ''})
                )
                self.assertEqual(response.status_code, HTTPStatus.OK)
                self.assertEqual(response.json()['method'], method.upper())

    def test_echo_keeps_korean_readable_on_the_wire(self):
        response = self.client.get(reverse('articles:echo', kwargs={'rest': ''}) + '?name=한글')
        self.assertIn('한글'.encode(), response.content)

    def test_echo_survives_a_body_that_is_not_utf8(self):
        response = self.client.post(
            reverse('articles:echo', kwargs={'rest': ''}),
            data=b'\xff\xfe\xfd',
            content_type='application/octet-stream',
        )
        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertEqual(response.json()['body'], '\ufffd\ufffd\ufffd')


class RefusalTests(TestCase):
    """What Django refuses before any view runs, and writes to a path without its slash.

    Each refusal is a 4xx with a JSON ``detail`` (config/middleware.py), never a 500 and never
    Django's HTML or debug page.
    """

    def assert_json_refusal(self, response, code):
        self.assertEqual(response.status_code, code, response.content[:300])
        self.assertEqual(response['Content-Type'], 'application/json')
        self.assertTrue(response.json()['detail'])
        return response.json()['detail']

    def test_a_write_without_the_slash_is_a_308_that_keeps_the_method(self):
        for method in ('post', 'put', 'patch', 'delete'):
            with self.subTest(method=method):
                response = getattr(self.client, method)(
                    '/articles?page=2', data='{}', content_type='application/json'
                )
                self.assertEqual(response.status_code, HTTPStatus.PERMANENT_REDIRECT)
                self.assertEqual(response['Location'], reverse('articles:article_list') + '?page=2')

    def test_following_the_308_sends_the_same_method_and_body(self):
        response = self.client.post(
            '/echo/x/y', data='hello', content_type='text/plain', follow=True
        )
        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertEqual(response.json()['method'], 'POST')
        self.assertEqual(response.json()['body'], 'hello')

    def test_a_host_not_in_allowed_hosts_is_a_json_400(self):
        response = self.client.get(
            reverse('articles:echo', kwargs={'rest': ''}), headers={'Host': 'evil.example'}
        )
        self.assertIn('evil.example', self.assert_json_refusal(response, HTTPStatus.BAD_REQUEST))

    @override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
    def test_a_body_over_the_limit_is_a_json_413_that_says_the_limit(self):
        response = self.client.post(
            reverse('articles:echo', kwargs={'rest': ''}),
            data='x' * 1001,
            content_type='text/plain',
        )
        self.assertIn(
            '1000', self.assert_json_refusal(response, HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
        )

    def test_too_many_query_fields_is_a_json_400(self):
        query = '&'.join(f'f{i}=1' for i in range(1001))  # DATA_UPLOAD_MAX_NUMBER_FIELDS: 1000
        response = self.client.get(reverse('articles:echo', kwargs={'rest': ''}) + '?' + query)
        self.assert_json_refusal(response, HTTPStatus.BAD_REQUEST)

    def test_an_error_that_escapes_a_view_is_a_json_500_without_internals(self):
        with (
            mock.patch('articles.views.render', side_effect=RuntimeError('secret internals')),
            self.assertLogs('django.request', 'ERROR'),
        ):  # the traceback goes to the console
            response = self.client.get(reverse('articles:article_list'))
        detail = self.assert_json_refusal(response, HTTPStatus.INTERNAL_SERVER_ERROR)
        self.assertNotIn('secret', detail)
