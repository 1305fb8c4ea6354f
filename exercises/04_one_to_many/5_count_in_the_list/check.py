"""The article list shows comment_count in ONE query (annotate), proven by an assertNumQueries test."""

KIND = "code"
EDIT = [
    "articles/views.py",
    "articles/serializers.py",
    "articles/tests/test_comments.py",
    "articles/tests/test_api.py",
]
CHANGES_TESTS = ["articles.tests.test_api.ArticleCrudTests.test_list_is_id_and_title_newest_first"]
TESTS = ["articles.tests.test_api", "articles.tests.test_comments"]

TEST = "articles.tests.test_comments.QueryCountTests.test_article_list_queries_do_not_grow"

# The list's queries with 2 and with 200 articles, in a transaction that is rolled back.
QUERIES = """
from django.db import connection, transaction
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment
from articles.models import Article, Comment
setup_test_environment()
real = {str(pk): 0 for pk in Article.objects.values_list('pk', flat=True)}
for row in Comment.objects.values('article_id').annotate(n=Count('pk')):
    real[str(row['article_id'])] = row['n']
result = {'real': real}
for n in (2, 200):
    with transaction.atomic():
        Article.objects.all().delete()
        made = Article.objects.bulk_create(Article(title=f'a{i}', content='x') for i in range(n))
        Comment.objects.bulk_create(Comment(article=a, content='c') for a in made for _ in range(3))
        with CaptureQueriesContext(connection) as queries:
            Client().get('/api/v1/articles/')
        result[str(n)] = len(queries)
        transaction.set_rollback(True)
"""


def check(c):
    response = c.get("/api/v1/articles/")
    c.expect_status(response, 200)
    if response.status_code != 200:
        return
    items = c.json(response)
    counts = c.django(QUERIES)
    real = counts["real"]
    without = [item.get("id") for item in items if "comment_count" not in item]
    c.expect(
        not without,
        f"GET /api/v1/articles/ answered items without comment_count "
        f"(e.g. {items[0] if items else {}}); expected {{id, title, comment_count}}",
    )
    if without:
        return
    wrong = {
        item["id"]: item["comment_count"]
        for item in items
        if item["comment_count"] != real.get(str(item["id"]))
    }
    c.expect(
        not wrong,
        f"GET /api/v1/articles/ counts comments wrongly for the articles "
        f"{sorted(wrong)}: e.g. article {next(iter(wrong), '')} shows "
        f"{next(iter(wrong.values()), '')}, it has {real.get(str(next(iter(wrong), '')))}",
    )
    ids = [item["id"] for item in items]
    c.expect(
        ids == sorted(ids, reverse=True),
        f"GET /api/v1/articles/ lists the ids {ids[:6]}...; expected newest first (the "
        f"highest id first), as before",
    )
    c.expect(
        counts["2"] == counts["200"] == 1,
        f"GET /api/v1/articles/ ran {counts['2']} SQL queries with 2 articles and "
        f"{counts['200']} with 200; expected 1 both times",
    )
    c.run_tests(TEST, "articles.tests.test_api")
