"""Benchmark 1: 1000 articles with nested comments, DRF serializer vs hand-written .values().

    python project/benchmarks/serializer_vs_values.py [--articles 1000] [--repeat 7]

Both sides answer the same JSON (checked) from the same two SQL queries; the
difference is what the serializer costs: model instances, field objects,
to_representation per value. Prints timings and the ratio; asserts nothing
about time. Goal: the serializer within 2.5x of .values().
"""

import argparse
import gc
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import make_articles, make_temp_dir, setup_django_in_process  # noqa: E402  (after the sys.path line above)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--comments", type=int, default=3, help="comments per article")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    with make_temp_dir() as tmp:
        setup_django_in_process(tmp)
        from django.db import connection
        from django.db.models import Count, F
        from django.test.utils import CaptureQueriesContext
        from rest_framework.renderers import JSONRenderer
        from rest_framework.request import Request
        from rest_framework.test import APIRequestFactory

        from articles.models import Article, Comment
        from django.urls import reverse

        from articles.serializers import NESTED_COMMENTS, ArticleSerializer
        from articles.views import ArticleViewSet

        make_articles(args.articles, args.comments)
        renderer = JSONRenderer()

        def with_serializer():
            # The detail queryset of the real viewset, applied to every article.
            view = ArticleViewSet(
                action="retrieve", request=Request(APIRequestFactory().get("/")), format_kwarg=None
            )
            queryset = view.get_queryset()
            return renderer.render(ArticleSerializer(queryset, many=True).data)

        def with_values():
            # By hand: dicts straight from the database, comments grouped in Python.
            comments = {}
            for c in Comment.objects.order_by("created_at", "id").values(
                "id",
                "article",
                "content",
                "user",
                "created_at",
                "updated_at",
                username=F("user__username"),
            ):
                c["created_at"] = iso(c["created_at"])
                c["updated_at"] = iso(c["updated_at"])
                comments.setdefault(c["article"], []).append(
                    {
                        k: c[k]
                        for k in (
                            "id",
                            "article",
                            "content",
                            "user",
                            "username",
                            "created_at",
                            "updated_at",
                        )
                    }
                )
            rows = []
            for a in (
                Article.objects.annotate(comment_count=Count("comment"))
                .order_by(*Article._meta.ordering)
                .values(
                    "id",
                    "title",
                    "content",
                    "user",
                    "created_at",
                    "updated_at",
                    "comment_count",
                    username=F("user__username"),
                )
            ):
                rows.append(
                    {
                        "id": a["id"],
                        "title": a["title"],
                        "content": a["content"],
                        "user": a["user"],
                        "username": a["username"],
                        "created_at": iso(a["created_at"]),
                        "updated_at": iso(a["updated_at"]),
                        "comment_count": a["comment_count"],
                        # The detail nests the first NESTED_COMMENTS and links to the rest.
                        "comment_set": comments.get(a["id"], [])[:NESTED_COMMENTS],
                        "comments_url": f"{reverse('comment-list')}?article={a['id']}",
                    }
                )
            return renderer.render(rows)

        def iso(value):
            # What DRF's DateTimeField writes: ISO 8601, UTC as "Z".
            text = value.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text

        a, b = with_serializer(), with_values()
        assert json.loads(a) == json.loads(b), "the two sides must answer the same JSON"
        with CaptureQueriesContext(connection) as q1:
            with_serializer()
        with CaptureQueriesContext(connection) as q2:
            with_values()

        def timed(fn):
            # Like timeit: the garbage collector off while timing, run between runs.
            gc.collect()
            gc.disable()
            try:
                start = time.perf_counter()
                fn()
                return time.perf_counter() - start
            finally:
                gc.enable()

        # Interleaved, so that both sides see the same machine load.
        s_times, v_times = [], []
        for _ in range(args.repeat):
            s_times.append(timed(with_serializer))
            v_times.append(timed(with_values))
        ratios = [s / v for s, v in zip(s_times, v_times, strict=True)]
        s_best, s_med = min(s_times), statistics.median(s_times)
        v_best, v_med = min(v_times), statistics.median(v_times)
        n_comments = args.articles * args.comments
        print(
            f"{args.articles} articles, {n_comments} comments nested, {len(a) / 1024:.0f} KiB of JSON, "
            f"best / median of {args.repeat} runs, gc off while timing"
        )
        print(
            f"  DRF serializer (ArticleSerializer): {s_best * 1000:7.1f} ms / {s_med * 1000:7.1f} ms, "
            f"{len(q1.captured_queries)} SQL queries"
        )
        print(
            f"  hand-written .values():             {v_best * 1000:7.1f} ms / {v_med * 1000:7.1f} ms, "
            f"{len(q2.captured_queries)} SQL queries"
        )
        print(
            f"  ratio serializer / values: {s_best / v_best:.2f}x best vs best, "
            f"{statistics.median(ratios):.2f}x median of paired runs; goal <= 2.5x"
        )


if __name__ == "__main__":
    main()
