"""Benchmark 2: SQL queries at 1, 100 and 1000 rows, before and after the N+1 fix.

    python project/benchmarks/query_counts.py

"naive" is what a first version writes: Article.objects.all() through the
same serializer, with username and comment_count read through the relations
(one query per article for each, one per comment for its author). "project"
is the queryset the viewset really uses. Also counts the real endpoints.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import make_articles, make_temp_dir, setup_django_in_process  # noqa: E402  (after the sys.path line above)

ROWS = [1, 100, 1000]


def main():
    with make_temp_dir() as tmp:
        setup_django_in_process(tmp)
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext
        from rest_framework.request import Request
        from rest_framework.test import APIRequestFactory

        from articles.models import Article, Comment
        from articles.serializers import ArticleSerializer
        from articles.views import ArticleViewSet
        from naive_serializers import NaiveArticleSerializer

        def count(fn):
            with CaptureQueriesContext(connection) as ctx:
                fn()
            return len(ctx.captured_queries)

        client = Client(HTTP_HOST="127.0.0.1")
        header = (
            f"{'articles (2 comments each)':>28} | {'naive':>7} | {'project':>7} | "
            f"{'GET list':>8} | {'GET detail':>10}"
        )
        print("SQL queries to serialize every article with its comments, and per request")
        print(header)
        print("-" * len(header))
        have = 0
        for rows in ROWS:
            make_articles(rows - have, comments_per_article=2)
            have = rows
            naive = count(lambda: NaiveArticleSerializer(Article.objects.all(), many=True).data)
            view = ArticleViewSet(
                action="retrieve", request=Request(APIRequestFactory().get("/")), format_kwarg=None
            )
            project = count(lambda: ArticleSerializer(view.get_queryset(), many=True).data)
            first = Article.objects.order_by("id").first()
            listing = count(lambda: client.get("/api/v1/articles/?page_size=100"))
            detail = count(lambda: client.get(f"/api/v1/articles/{first.pk}/"))
            print(f"{rows:>28} | {naive:>7} | {project:>7} | {listing:>8} | {detail:>10}")
        print(f"({Comment.objects.count()} comments in all; list pages hold at most 100 rows)")


if __name__ == "__main__":
    main()
