"""Issue 19: attacks on the articles routes and on the middleware, each replayed."""

import json

from django.db import connection
from django.test import override_settings
from django.urls import reverse
from rest_framework import status

from articles.models import COMMENT_CONTENT_MAX_LENGTH, Article, Comment
from articles.serializers import NESTED_COMMENTS
from config.parsers import MAX_DEPTH

from .base import APITestBase

ALLOWED_ORIGIN = "http://localhost:8080"


class BoundedDetailTests(APITestBase):
    """Kind 3: an article's detail nests its first comments only, however many it has."""

    def test_many_long_comments_do_not_grow_the_detail(self):
        extra = NESTED_COMMENTS + 15
        Comment.objects.bulk_create(
            Comment(article=self.article, content="x" * COMMENT_CONTENT_MAX_LENGTH, user=self.bob)
            for _ in range(extra)
        )
        url = reverse("article-detail", kwargs={"pk": self.article.pk})
        body = self.client.get(url).json()
        self.assertEqual(len(body["comment_set"]), NESTED_COMMENTS)
        self.assertEqual(body["comment_count"], extra + 1)
        # Oldest first: the thread's beginning, starting with the fixture's comment.
        self.assertEqual(body["comment_set"][0]["id"], self.comment.pk)
        self.assertLess(len(self.client.get(url).content), (NESTED_COMMENTS + 2) * 2_300)
        # The link lists every comment of this article, and only those.
        Comment.objects.create(
            article=Article.objects.create(title="t", content="c", user=self.bob),
            content="elsewhere",
            user=self.bob,
        )
        listed = self.client.get(body["comments_url"] + "&page_size=100").json()
        self.assertEqual(listed["count"], extra + 1)
        self.assertTrue(all(c["article"] == self.article.pk for c in listed["results"]))

    def test_the_schema_says_so(self):
        schema = self.client.get(
            reverse("schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json"
        ).json()
        article = schema["components"]["schemas"]["Article"]["properties"]
        self.assertIn(str(NESTED_COMMENTS), article["comment_set"]["description"])
        self.assertEqual(article["comments_url"]["format"], "uri")


class SearchWordLengthTests(APITestBase):
    """Kind 7: a search word over the bound is a 400 with a reason, not SQLite's 500."""

    def test_a_word_of_fifty_thousand_characters_is_400(self):
        for name in ["article-list", "comment-list"]:
            for word in ["a" * 50_001, "%" * 60_000, "첫" * 201]:
                with self.subTest(name=name, length=len(word)):
                    response = self.client.get(reverse(name), {"search": word})
                    self.assertEqual(response.status_code, status.HTTP_400_BAD_REQUEST)
                    self.assertIn("search", response.json())
            response = self.client.get(reverse(name), {"search": "첫" * 200})
            self.assertEqual(response.status_code, status.HTTP_200_OK)


class OrderingTieBreakerTests(APITestBase):
    """Kind 10: pages neither repeat nor skip rows when the chosen ordering has ties.

    On PostgreSQL (tests/test_project.py runs this suite there too) rows that tie come back in
    any order, differently for each page's query; SQLite happens to keep them in id order.
    """

    def walk(self, name, **query):
        ids, url, params = [], reverse(name), {"page_size": 7, **query}
        while url:
            body = self.client.get(url, params).json()
            ids += [row["id"] for row in body["results"]]
            url, params = body["next"], None
        return ids, body["count"]

    def test_following_next_lists_every_row_once(self):
        titles = ["same", "other", "third"]
        Article.objects.bulk_create(
            Article(title=titles[i % 3], content="c", user=self.bob) for i in range(60)
        )
        Comment.objects.bulk_create(
            Comment(article=self.article, content="c", user=self.bob) for _ in range(40)
        )
        # Equal timestamps too, as a bulk import or a fixture leaves them.
        Article.objects.update(created_at="2025-01-01T00:00:00Z")
        Comment.objects.update(created_at="2025-01-01T00:00:00Z")
        for name, ordering in [
            ("article-list", "title"),
            ("article-list", "-title"),
            ("article-list", "created_at"),
            ("article-list", "-comment_count"),
            ("comment-list", "created_at"),
            ("comment-list", "-updated_at"),
        ]:
            with self.subTest(name=name, ordering=ordering, vendor=connection.vendor):
                ids, count = self.walk(name, ordering=ordering)
                self.assertEqual(len(ids), count)
                self.assertEqual(len(set(ids)), count)

    def test_every_chosen_ordering_ends_with_the_id(self):
        from articles.filters import OrderingFilter
        from articles.views import ArticleViewSet

        view = ArticleViewSet()
        for asked, expected in [
            ("title", ["title", "id"]),
            ("-title,created_at", ["-title", "created_at", "id"]),
            ("-comment_count", ["-comment_count", "-id"]),
            ("title,-id", ["title", "-id"]),
        ]:
            with self.subTest(asked=asked):
                request = self.client.get(reverse("article-list"), {"ordering": asked}).wsgi_request
                from rest_framework.request import Request

                ordering = OrderingFilter().get_ordering(
                    Request(request), Article.objects.all(), view
                )
                self.assertEqual(ordering, expected)


class CORSOnEveryAnswerTests(APITestBase):
    """Kind 11: refusals answered by middleware carry the CORS headers too."""

    def assertCORS(self, response, expected_status):
        self.assertEqual(response.status_code, expected_status, response.content[:200])
        self.assertEqual(response["Content-Type"], "application/json")
        self.assertEqual(response["Access-Control-Allow-Origin"], ALLOWED_ORIGIN)

    def test_middleware_refusals_carry_the_header(self):
        self.sign_in(self.alice)
        body = json.dumps({"title": "t", "content": "x" * 3_000_000})
        self.assertCORS(
            self.client.post(
                reverse("article-list"),
                body,
                content_type="application/json",
                HTTP_ORIGIN=ALLOWED_ORIGIN,
            ),
            status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
        for debug in (False, True):
            with self.subTest(debug=debug), override_settings(DEBUG=debug):
                self.assertCORS(
                    self.client.get("/api/v1/nowhere/", HTTP_ORIGIN=ALLOWED_ORIGIN),
                    status.HTTP_404_NOT_FOUND,
                )
        self.assertCORS(
            self.client.get(
                reverse("article-list"), HTTP_ORIGIN=ALLOWED_ORIGIN, HTTP_HOST="evil.example"
            ),
            status.HTTP_400_BAD_REQUEST,
        )
        response = self.client.post("/api/v1/articles", {}, HTTP_ORIGIN=ALLOWED_ORIGIN)
        self.assertEqual(response.status_code, status.HTTP_308_PERMANENT_REDIRECT)
        self.assertEqual(response["Access-Control-Allow-Origin"], ALLOWED_ORIGIN)


class DeepJSONTests(APITestBase):
    """Deep JSON is a JSON 400 with a reason on every Python: 3.11 cannot parse 2,000 levels
    (RecursionError), 3.13 can; the parser's own bound answers both alike."""

    def test_deep_json_is_a_json_400_with_a_reason(self):
        self.sign_in(self.alice)
        for depth in [MAX_DEPTH + 1, 2_000, 100_000]:
            for shape in ["[" * depth + "]" * depth, '{"a":' * depth + "1" + "}" * depth]:
                with self.subTest(depth=depth, shape=shape[:2]):
                    response = self.client.post(
                        reverse("article-list"), shape, content_type="application/json"
                    )
                    self.assertEqual(response.status_code, status.HTTP_400_BAD_REQUEST)
                    self.assertEqual(response["Content-Type"], "application/json")
                    self.assertIsInstance(response.json()["detail"], str)
        self.assertEqual(Article.objects.count(), 1)

    def test_json_within_the_bound_is_read(self):
        self.sign_in(self.alice)
        nested = {"title": "t", "content": "c", "extra": json.loads("[" * 20 + "]" * 20)}
        response = self.client.post(reverse("article-list"), nested)
        self.assertEqual(response.status_code, status.HTTP_201_CREATED)
