"""Hostile requests on every route: a JSON 4xx with a reason, never a 5xx, never HTML.

Issue 10, kinds 1 and 2: a write without its trailing slash, JSON nested too deep, a body over
the upload limit, too many fields, a Host the server does not serve, filter values with no
database equivalent, a search of a thousand words, and any exception that still escapes.
"""

import json
from unittest import mock

from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from rest_framework import status

from articles import views
from articles.models import Article, Comment

from .base import APITestBase

DEEP_JSON = "[" * 2000 + "]" * 2000
WRITES = ["post", "put", "patch", "delete"]


class HostileInputTests(APITestBase):
    def setUp(self):
        super().setUp()
        self.sign_in(self.alice)
        self.counts = (Article.objects.count(), Comment.objects.count())

    def routes(self):
        """Every route of the API, with real primary keys."""
        return [
            reverse("article-list"),
            reverse("article-detail", kwargs={"pk": self.article.pk}),
            reverse("article-comment-create", kwargs={"article_pk": self.article.pk}),
            reverse("comment-list"),
            reverse("comment-detail", kwargs={"pk": self.comment.pk}),
            *(
                reverse(name)
                for name in [
                    "rest_register",
                    "rest_login",
                    "rest_logout",
                    "rest_user_details",
                    "rest_password_change",
                    "jwt_create",
                    "jwt_refresh",
                    "jwt_verify",
                    "jwt_logout",
                ]
            ),
        ]

    def assertJSONRefusal(self, response, *codes):
        self.assertIn(response.status_code, codes, response.content[:300])
        self.assertEqual(response["Content-Type"], "application/json")
        self.assertIn("detail", response.json())

    def assertNothingWritten(self):
        self.assertEqual((Article.objects.count(), Comment.objects.count()), self.counts)

    def test_write_without_trailing_slash_is_a_308_that_keeps_the_method(self):
        for debug in (False, True):
            for url in self.routes():
                for method in WRITES:
                    with (
                        self.subTest(debug=debug, url=url, method=method),
                        override_settings(DEBUG=debug),
                    ):
                        response = getattr(self.client, method)(
                            url.rstrip("/"), {"title": "a", "content": "b"}
                        )
                        self.assertJSONRefusal(response, status.HTTP_308_PERMANENT_REDIRECT)
                        self.assertEqual(response["Location"], url)
                        self.assertIn(url, response.json()["detail"])
                        self.assertNothingWritten()

    def test_post_without_slash_followed_creates_the_article(self):
        response = self.client.post(
            reverse("article-list").rstrip("/"), {"title": "a", "content": "b"}, follow=True
        )
        self.assertEqual(response.status_code, status.HTTP_201_CREATED)
        self.assertEqual(Article.objects.count(), self.counts[0] + 1)

    def test_get_without_slash_is_still_a_301(self):
        response = self.client.get(reverse("article-list").rstrip("/"))
        self.assertEqual(response.status_code, status.HTTP_301_MOVED_PERMANENTLY)

    def test_json_nested_too_deep_is_400_everywhere(self):
        for debug in (False, True):
            for url in self.routes():
                for method in ["post", "put"]:
                    with (
                        self.subTest(debug=debug, url=url, method=method),
                        override_settings(DEBUG=debug),
                    ):
                        response = getattr(self.client, method)(
                            url, DEEP_JSON, content_type="application/json"
                        )
                        self.assertLess(response.status_code, 500)
                        self.assertEqual(response["Content-Type"], "application/json")
                        if response.status_code == status.HTTP_400_BAD_REQUEST:
                            # The reason, whatever its wording (and whatever the Python).
                            self.assertIsInstance(response.json()["detail"], str)
                        self.assertNothingWritten()

    def test_anonymous_login_with_deep_json_is_400(self):
        self.sign_in(None)
        response = self.client.post(
            reverse("rest_login"), DEEP_JSON, content_type="application/json"
        )
        self.assertJSONRefusal(response, status.HTTP_400_BAD_REQUEST)

    def test_body_over_the_limit_is_413_naming_it(self):
        body = json.dumps({"title": "t", "content": "x" * (3 * 1024 * 1024)})
        for debug in (False, True):
            for url in self.routes():
                with self.subTest(debug=debug, url=url), override_settings(DEBUG=debug):
                    response = self.client.post(url, body, content_type="application/json")
                    self.assertJSONRefusal(response, status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)
                    self.assertIn(
                        str(settings.DATA_UPLOAD_MAX_MEMORY_SIZE), response.json()["detail"]
                    )
                    self.assertNothingWritten()

    def test_too_many_fields_is_400(self):
        query = "&".join(f"f{i}=1" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
        for debug in (False, True):
            with self.subTest(debug=debug), override_settings(DEBUG=debug):
                response = self.client.get(f"{reverse('article-list')}?{query}")
                self.assertJSONRefusal(response, status.HTTP_400_BAD_REQUEST)
                self.assertIn(
                    str(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS), response.json()["detail"]
                )

    def test_bad_host_is_400(self):
        for debug in (False, True):
            with self.subTest(debug=debug), override_settings(DEBUG=debug):
                response = self.client.get(reverse("article-list"), HTTP_HOST="evil.example")
                self.assertJSONRefusal(response, status.HTTP_400_BAD_REQUEST)
                self.assertIn("Host", response.json()["detail"])

    def test_unknown_path_is_a_json_404_debug_or_not(self):
        for debug in (False, True):
            with self.subTest(debug=debug), override_settings(DEBUG=debug):
                self.assertJSONRefusal(self.client.get("/no/such/path/"), status.HTTP_404_NOT_FOUND)

    def test_dates_without_a_utc_equivalent_are_400(self):
        for query in [
            "created_before=0001-01-01T00:00:00%2B14:00",
            "created_after=9999-12-31T23:59:59-14:00",
        ]:
            with self.subTest(query=query):
                response = self.client.get(f"{reverse('article-list')}?{query}")
                self.assertEqual(response.status_code, status.HTTP_400_BAD_REQUEST)
                self.assertIsInstance(response.json()[query.split("=")[0]], list)

    def test_search_of_a_thousand_words_is_400(self):
        for name in ["article-list", "comment-list"]:
            with self.subTest(route=name):
                response = self.client.get(
                    reverse(name), {"search": " ".join(f"w{i}" for i in range(1000))}
                )
                self.assertEqual(response.status_code, status.HTTP_400_BAD_REQUEST)
                self.assertIn("search", response.json())
        response = self.client.get(reverse("article-list"), {"search": " ".join(["첫"] * 10)})
        self.assertEqual(response.status_code, status.HTTP_200_OK)

    def test_an_escaped_exception_is_a_json_500_without_internals(self):
        self.client.raise_request_exception = False
        with mock.patch.object(
            views.ArticleViewSet, "get_queryset", side_effect=RuntimeError("secret detail")
        ):
            for debug in (False, True):
                with (
                    self.subTest(debug=debug),
                    override_settings(DEBUG=debug),
                    self.assertLogs("django.request"),
                ):
                    response = self.client.get(reverse("article-list"))
                    self.assertEqual(response.status_code, status.HTTP_500_INTERNAL_SERVER_ERROR)
                    self.assertEqual(response.json(), {"detail": "Server error."})
                    self.assertNotIn(b"secret", response.content)

    def test_text_over_its_bound_is_400(self):
        cases = [
            (reverse("article-list"), {"title": "t", "content": "x" * 20_001}),
            (
                reverse("article-comment-create", kwargs={"article_pk": self.article.pk}),
                {"content": "x" * 2_001},
            ),
        ]
        for url, body in cases:
            with self.subTest(url=url):
                response = self.client.post(url, body)
                self.assertEqual(response.status_code, status.HTTP_400_BAD_REQUEST)
                self.assertIn("content", response.json())
                self.assertNothingWritten()
