from http import HTTPStatus

from django.test import TestCase
from django.urls import reverse

from articles.models import Article


class ArticlePagesTests(TestCase):
    """The server-rendered pages: HTML, 404 for a missing article."""

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
