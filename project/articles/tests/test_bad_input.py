"""Bad input: always a 4xx with a JSON reason, never a 500, never a half-written row."""

from django.urls import reverse
from rest_framework import status

from articles.models import Article, Comment

from .base import APITestBase


class BadInputTests(APITestBase):
    def setUp(self):
        super().setUp()
        self.sign_in(self.alice)
        self.counts = (Article.objects.count(), Comment.objects.count())

    def assertNothingWritten(self):
        self.assertEqual((Article.objects.count(), Comment.objects.count()), self.counts)
        self.article.refresh_from_db()
        self.assertEqual(self.article.title, "첫 글")

    def targets(self):
        return [
            ("post", reverse("article-list")),
            ("put", reverse("article-detail", kwargs={"pk": self.article.pk})),
        ]

    def test_field_errors(self):
        cases = {
            "missing title": ({"content": "c"}, "title"),
            "missing content": ({"title": "t"}, "content"),
            "empty title": ({"title": "", "content": "c"}, "title"),
            "title over 100": ({"title": "가" * 101, "content": "c"}, "title"),
            "title wrong type": ({"title": {"a": 1}, "content": "c"}, "title"),
            "content wrong type": ({"title": "t", "content": ["x"]}, "content"),
            "title null": ({"title": None, "content": "c"}, "title"),
            "NUL character": ({"title": "a\x00b", "content": "c"}, "title"),
        }
        for method, url in self.targets():
            for name, (body, field) in cases.items():
                with self.subTest(method=method, case=name):
                    response = getattr(self.client, method)(url, body, format="json")
                    self.assertEqual(response.status_code, status.HTTP_400_BAD_REQUEST)
                    errors = response.json()
                    self.assertIsInstance(errors[field], list)
                    self.assertIsInstance(errors[field][0], str)
                    self.assertNothingWritten()

    def test_title_of_exactly_100_is_fine(self):
        response = self.client.post(reverse("article-list"), {"title": "가" * 100, "content": "c"})
        self.assertEqual(response.status_code, status.HTTP_201_CREATED)

    def test_malformed_json(self):
        for method, url in self.targets():
            for raw in [b'{"title": "t", ', b"not json", b"[1, 2", b"\xff\xfe"]:
                with self.subTest(method=method, raw=raw):
                    response = getattr(self.client, method)(
                        url, raw, content_type="application/json"
                    )
                    self.assertEqual(response.status_code, status.HTTP_400_BAD_REQUEST)
                    self.assertIn("detail", response.json())
                    self.assertNothingWritten()

    def test_json_that_is_not_an_object(self):
        for method, url in self.targets():
            for raw in [b"[]", b'"text"', b"42", b"null"]:
                with self.subTest(method=method, raw=raw):
                    response = getattr(self.client, method)(
                        url, raw, content_type="application/json"
                    )
                    self.assertEqual(response.status_code, status.HTTP_400_BAD_REQUEST)
                    self.assertIsInstance(response.json(), dict)
                    self.assertNothingWritten()

    def test_body_that_is_not_json(self):
        for method, url in self.targets():
            with self.subTest(method=method):
                response = getattr(self.client, method)(url, b"title=t", content_type="text/plain")
                self.assertEqual(response.status_code, status.HTTP_415_UNSUPPORTED_MEDIA_TYPE)
                self.assertIn("detail", response.json())
                self.assertNothingWritten()

    def test_comment_field_errors(self):
        url = reverse("article-comment-create", kwargs={"article_pk": self.article.pk})
        for body in [{}, {"content": ""}, {"content": ["x"]}, {"content": None}]:
            with self.subTest(body=body):
                response = self.client.post(url, body, format="json")
                self.assertEqual(response.status_code, status.HTTP_400_BAD_REQUEST)
                self.assertIsInstance(response.json()["content"], list)
                self.assertNothingWritten()
        response = self.client.post(url, b"{oops", content_type="application/json")
        self.assertEqual(response.status_code, status.HTTP_400_BAD_REQUEST)
        self.assertNothingWritten()

    def test_bad_query_parameters_are_4xx(self):
        url = reverse("article-list")
        for query in [
            {"page": "abc"},
            {"page": "999"},
            {"user": "abc"},
            {"user": "999999"},
            {"created_after": "yesterday"},
            {"page_size": "-1"},
        ]:
            with self.subTest(query=query):
                response = self.client.get(url, query)
                self.assertLess(response.status_code, 500)
                self.assertIsInstance(response.json(), dict)

    def test_nul_in_search_is_400(self):
        # PostgreSQL cannot hold NUL in a query string: DRF refuses it up front.
        response = self.client.get(reverse("article-list"), {"search": "a\x00b"})
        self.assertEqual(response.status_code, status.HTTP_400_BAD_REQUEST)
