import json
import re
from datetime import timedelta

from django.urls import reverse
from django.utils.dateparse import parse_datetime
from rest_framework import status
from rest_framework.test import APITestCase

from articles.models import Article

ROUTES = ('articles:article_json_1', 'articles:article_json_2', 'articles:article_json_3')
KOREAN_TITLE = '직렬화와 역직렬화'
KOREAN_CONTENT = '파이썬 객체를 JSON 문자열로, 그리고 다시 객체로.'


class JsonRoutesTests(APITestCase):
    """/api/v1/json-1/, -2/ and -3/: the same articles as JSON, in three shapes."""

    @classmethod
    def setUpTestData(cls):
        Article.objects.create(title='First', content='one')
        Article.objects.create(title=KOREAN_TITLE, content=KOREAN_CONTENT)
        Article.objects.create(title='Quotes "and" \\ backslashes', content='<b>not HTML</b>')

    def get(self, name, **headers):
        return self.client.get(reverse(name), headers=headers)

    def as_rows(self, name):
        """The route's answer as [{"id", "title", "content", "created_at", "updated_at"}, ...]."""
        data = self.get(name).json()
        if name == 'articles:article_json_2':  # {model, pk, fields}: the pk sits outside the fields
            data = [{'id': item['pk'], **item['fields']} for item in data]
        return data

    def test_every_route_answers_200_json_with_a_list(self):
        for name in ROUTES:
            with self.subTest(route=name):
                response = self.get(name)
                self.assertEqual(response.status_code, status.HTTP_200_OK)
                self.assertEqual(response['Content-Type'], 'application/json')
                self.assertIsInstance(response.json(), list)

    def test_the_three_routes_answer_the_same_data(self):
        expected = [(a.pk, a.title, a.content) for a in Article.objects.all()]
        for name in ROUTES:
            with self.subTest(route=name):
                rows = self.as_rows(name)
                self.assertEqual([(r['id'], r['title'], r['content']) for r in rows], expected)

    def test_json_1_is_a_list_built_by_hand(self):
        for item in self.get('articles:article_json_1').json():
            self.assertLessEqual(
                {'id', 'title', 'content', 'created_at', 'updated_at'}, item.keys()
            )

    def test_json_2_is_what_django_core_serializers_writes(self):
        for item in self.get('articles:article_json_2').json():
            self.assertEqual(item.keys(), {'model', 'pk', 'fields'})
            self.assertEqual(item['model'], 'articles.article')
            self.assertLessEqual(
                {'title', 'content', 'created_at', 'updated_at'}, item['fields'].keys()
            )
            self.assertNotIn('id', item['fields'])

    def test_json_3_is_what_the_drf_serializer_writes(self):
        for item in self.get('articles:article_json_3').json():
            self.assertLessEqual(
                {'id', 'title', 'content', 'created_at', 'updated_at'}, item.keys()
            )

    def test_dates_become_strings_that_name_the_same_instant(self):
        stored = {a.pk: a.created_at for a in Article.objects.all()}
        for name in ROUTES:
            for row in self.as_rows(name):
                with self.subTest(route=name, pk=row['id']):
                    self.assertIsInstance(row['created_at'], str)
                    # json-1 and json-2 keep milliseconds, DRF microseconds: the same instant.
                    sent = parse_datetime(row['created_at'])
                    self.assertLess(abs(sent - stored[row['id']]), timedelta(milliseconds=1))

    def test_korean_travels_as_utf8_and_round_trips(self):
        for name in ROUTES:
            with self.subTest(route=name):
                response = self.get(name)
                self.assertIn(KOREAN_TITLE.encode('utf-8'), response.content)  # not \\uXXXX escapes
                self.assertNotRegex(response.content.decode('utf-8'), r'\\u[0-9a-fA-F]{4}')
                row = next(r for r in self.as_rows(name) if r['title'] == KOREAN_TITLE)
                self.assertEqual(row['content'], KOREAN_CONTENT)

    def test_special_characters_round_trip(self):
        title = 'Quotes "and" \\ backslashes'
        for name in ROUTES:
            with self.subTest(route=name):
                self.assertIn(title, [row['title'] for row in self.as_rows(name)])

    def test_no_articles_is_an_empty_list(self):
        Article.objects.all().delete()
        for name in ROUTES:
            with self.subTest(route=name):
                self.assertEqual(self.get(name).json(), [])

    def test_json_3_is_the_browsable_api_for_a_browser(self):
        response = self.get('articles:article_json_3', Accept='text/html')
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        self.assertEqual(response['Content-Type'], 'text/html; charset=utf-8')
        page = response.content.decode('utf-8')
        title = re.search(r'<title>(.*?)</title>', page, re.S).group(1)
        self.assertIn('Django REST framework', title)
        self.assertIn(KOREAN_TITLE, page)  # the same data, shown inside the page

    def test_json_3_is_json_for_everyone_else(self):
        for accept in ('application/json', '*/*', None):
            with self.subTest(accept=accept):
                headers = {'Accept': accept} if accept else {}
                response = self.get('articles:article_json_3', **headers)
                self.assertEqual(response.status_code, status.HTTP_200_OK)
                self.assertEqual(response['Content-Type'], 'application/json')
                self.assertEqual(len(response.json()), Article.objects.count())

    def test_json_3_refuses_a_format_it_cannot_write(self):
        response = self.get('articles:article_json_3', Accept='application/xml')
        self.assertEqual(response.status_code, status.HTTP_406_NOT_ACCEPTABLE)
        self.assertIn('detail', response.json())

    def test_json_1_and_2_answer_json_whatever_the_accept_header(self):
        for name in ROUTES[:2]:
            with self.subTest(route=name):
                response = self.get(name, Accept='text/html')
                self.assertEqual(response['Content-Type'], 'application/json')
                json.loads(response.content)

    def test_json_3_refuses_methods_that_would_write_with_405(self):
        """@api_view(['GET']) lists the methods: DRF answers any other with 405 and says why."""
        before = list(Article.objects.values())
        body = json.dumps({'title': 'new', 'content': 'new'})
        for method in ('post', 'put', 'patch', 'delete'):
            with self.subTest(method=method):
                response = getattr(self.client, method)(
                    reverse('articles:article_json_3'), body, content_type='application/json'
                )
                self.assertEqual(response.status_code, status.HTTP_405_METHOD_NOT_ALLOWED)
                self.assertIn(method.upper(), response.json()['detail'])
                allowed = {m.strip() for m in response['Allow'].split(',')}
                self.assertIn('GET', allowed)
                self.assertNotIn(method.upper(), allowed)
        self.assertEqual(list(Article.objects.values()), before, 'nothing was written')
