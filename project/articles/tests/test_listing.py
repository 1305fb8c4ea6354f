"""Pagination, filtering, search and ordering of the list routes."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from rest_framework import status

from articles.models import Article, Comment

from .base import APITestBase


class ListingTests(APITestBase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        base = timezone.now() - timedelta(days=30)
        for i in range(25):
            article = Article.objects.create(
                title=f"bulk {i:02d}", content="파이썬" if i % 5 == 0 else "django", user=cls.bob
            )
            # created_at is auto_now_add: move it afterwards to get a known order.
            Article.objects.filter(pk=article.pk).update(created_at=base + timedelta(days=i))
        cls.url = reverse("article-list")

    def test_pages(self):
        first = self.client.get(self.url).json()
        self.assertEqual(first["count"], 26)
        self.assertEqual(len(first["results"]), 20)
        self.assertIsNone(first["previous"])
        second = self.client.get(first["next"]).json()
        self.assertEqual(len(second["results"]), 6)
        self.assertIsNone(second["next"])
        ids = [a["id"] for a in first["results"] + second["results"]]
        self.assertEqual(len(set(ids)), 26)  # no row twice, none skipped

    def test_page_size(self):
        self.assertEqual(len(self.client.get(self.url, {"page_size": 5}).json()["results"]), 5)
        self.assertEqual(len(self.client.get(self.url, {"page_size": 1000}).json()["results"]), 26)

    def test_page_out_of_range_is_404(self):
        response = self.client.get(self.url, {"page": 99})
        self.assertEqual(response.status_code, status.HTTP_404_NOT_FOUND)
        self.assertIn("detail", response.json())

    def test_default_order_is_newest_first(self):
        titles = [a["title"] for a in self.client.get(self.url).json()["results"]]
        self.assertEqual(titles[:3], ["첫 글", "bulk 24", "bulk 23"])

    def test_ordering(self):
        results = self.client.get(self.url, {"ordering": "title", "page_size": 100}).json()[
            "results"
        ]
        self.assertEqual(results[0]["title"], "bulk 00")
        results = self.client.get(self.url, {"ordering": "-comment_count"}).json()["results"]
        self.assertEqual(results[0]["title"], "첫 글")

    def test_unknown_ordering_is_ignored(self):
        response = self.client.get(self.url, {"ordering": "password"})
        self.assertEqual(response.status_code, status.HTTP_200_OK)

    def test_search(self):
        body = self.client.get(self.url, {"search": "파이썬"}).json()
        self.assertEqual(body["count"], 5)
        body = self.client.get(self.url, {"search": "첫"}).json()
        self.assertEqual([a["title"] for a in body["results"]], ["첫 글"])

    def test_filters(self):
        self.assertEqual(self.client.get(self.url, {"user": self.alice.pk}).json()["count"], 1)
        self.assertEqual(self.client.get(self.url, {"author": "bob"}).json()["count"], 25)
        since = (timezone.now() - timedelta(days=10, hours=12)).isoformat()
        self.assertEqual(
            self.client.get(self.url, {"created_after": since}).json()["count"], 6
        )  # days 20-24 + the first

    def test_bad_filter_is_400_with_field_errors(self):
        response = self.client.get(self.url, {"created_after": "not a date"})
        self.assertEqual(response.status_code, status.HTTP_400_BAD_REQUEST)
        self.assertIsInstance(response.json()["created_after"], list)

    def test_comment_filters(self):
        other = Article.objects.create(title="o", content="c", user=self.bob)
        Comment.objects.create(article=other, content="x", user=self.bob)
        url = reverse("comment-list")
        self.assertEqual(self.client.get(url, {"article": other.pk}).json()["count"], 1)
        self.assertEqual(self.client.get(url, {"user": self.alice.pk}).json()["count"], 1)
        self.assertEqual(self.client.get(url, {"search": "좋아"}).json()["count"], 1)
