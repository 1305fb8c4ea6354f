"""A constant number of SQL queries however many rows: no N+1."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework import status

from articles.models import Article, Comment

from articles.serializers import NESTED_COMMENTS

from .base import APITestBase


class QueryCountTests(APITestBase):
    def add_rows(self, n):
        articles = Article.objects.bulk_create(
            Article(title=f"t{i}", content="c", user=self.bob) for i in range(n)
        )
        Comment.objects.bulk_create(
            Comment(article=self.article, content=f"c{i}", user=self.bob if i % 2 else self.root)
            for i in range(n)
        )
        Comment.objects.bulk_create(
            Comment(article=a, content="c", user=self.alice) for a in articles
        )

    def count_queries(self, url, **query):
        with CaptureQueriesContext(connection) as ctx:
            response = self.client.get(url, query)
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        return len(ctx.captured_queries)

    def test_article_list(self):
        url = reverse("article-list")
        # COUNT(*) for the paginator, then one SELECT with JOIN user and GROUP BY.
        with self.assertNumQueries(2):
            self.client.get(url)
        one = self.count_queries(url, page_size=100)
        self.add_rows(60)
        self.assertEqual(self.count_queries(url, page_size=100), one)

    def test_article_detail(self):
        url = reverse("article-detail", kwargs={"pk": self.article.pk})
        # The article (JOIN user, COUNT comments), then its comments with their users.
        with self.assertNumQueries(2):
            self.client.get(url)
        self.add_rows(60)
        with self.assertNumQueries(2):
            response = self.client.get(url)
        # The first NESTED_COMMENTS, fetched by a window query: the detail stays bounded.
        self.assertEqual(len(response.json()["comment_set"]), NESTED_COMMENTS)
        self.assertEqual(response.json()["comment_count"], 61)

    def test_comment_list(self):
        url = reverse("comment-list")
        with self.assertNumQueries(2):
            self.client.get(url)
        self.add_rows(60)
        with self.assertNumQueries(2):
            response = self.client.get(url, {"page_size": 100})
        self.assertEqual(len(response.json()["results"]), 100)

    def test_signed_in_costs_one_query_more(self):
        self.add_rows(60)
        self.sign_in(self.bob)
        with self.assertNumQueries(3):  # + the token lookup (JOIN user)
            self.client.get(reverse("article-list"), {"page_size": 100})

    def test_write_answers_are_constant_too(self):
        self.sign_in(self.alice)
        url = reverse("article-detail", kwargs={"pk": self.article.pk})

        def put():
            with CaptureQueriesContext(connection) as ctx:
                response = self.client.put(url, {"title": "t", "content": "c"})
            self.assertEqual(response.status_code, status.HTTP_200_OK)
            return len(ctx.captured_queries), len(response.json()["comment_set"])

        one, comments = put()
        self.assertEqual(comments, 1)
        self.add_rows(60)
        self.assertEqual(put(), (one, NESTED_COMMENTS))
