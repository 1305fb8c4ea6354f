"""related_name='comments': model, migration, serializer, views and tests follow; the JSON does not change."""

KIND = "code"
EDIT = [
    "articles/models.py",
    "articles/migrations/",
    "articles/serializers.py",
    "articles/views.py",
    "articles/tests/test_comments.py",
]
CHANGES_TESTS = [
    "articles.tests.test_comments.CommentCreateTests.test_a_client_sent_article_is_ignored"
]
TESTS = ["articles.tests.test_comments"]

# Everything read in the copy's own Django, in one start-up: the field, whether a migration is
# missing, the most-commented article, and the SQL queries of two requests.
PROBE = """
from io import StringIO
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment
from articles.models import Article, Comment
field = Comment._meta.get_field('article')
result = {'related_name': field.remote_field.related_name}
if result['related_name'] == 'comments':
    out = StringIO()
    try:
        call_command('makemigrations', 'articles', check=True, dry_run=True, stdout=out)
        result['migrations'] = 'up to date'
    except SystemExit:
        result['migrations'] = out.getvalue().strip()
    article = max(Article.objects.all(), key=lambda a: a.comments.count())
    result['pk'] = article.pk
    result['comments'] = sorted(article.comments.values_list('pk', flat=True))
    setup_test_environment()
    result['queries'] = {}
    for url in (f'/api/v1/articles/{article.pk}/', '/api/v1/json-3/'):
        with CaptureQueriesContext(connection) as queries:
            status = Client(raise_request_exception=False).get(url).status_code
        result['queries'][url] = [status, len(queries)]
"""


def check(c):
    probe = c.django(PROBE)
    c.require(
        probe["related_name"] == "comments",
        f"Comment.article has related_name={probe['related_name']!r}; expected 'comments' "
        f"(articles/models.py)",
    )
    c.expect(
        probe["migrations"] == "up to date",
        "the model changed but no migration says so: run `python manage.py makemigrations` "
        "in your copy",
    )
    pk = probe["pk"]
    response = c.get(f"/api/v1/articles/{pk}/")
    if c.expect_status(response, 200):
        data = c.json(response)
        c.expect(
            "comment_set" in data and "comment_count" in data,
            f"GET /api/v1/articles/{pk}/ answered the keys {sorted(data)}; the JSON must not "
            f"change: comment_set and comment_count, as before",
        )
        shown = sorted(item.get("id") for item in data.get("comment_set") or [])
        c.expect(
            shown == probe["comments"] and data.get("comment_count") == len(shown),
            f"GET /api/v1/articles/{pk}/ shows the comments {shown} and comment_count "
            f"{data.get('comment_count')}; the article has the comments {probe['comments']}",
        )
    c.expect_status(c.get("/api/v1/json-3/"), 200)
    for url, (status, count) in probe["queries"].items():
        c.expect(
            status != 200 or count == 2,
            f"GET {url} ran {count} SQL queries; expected 2 (the articles, then every comment "
            f"in one prefetch): does prefetch_related() use the new name?",
        )
    c.run_tests("articles.tests.test_comments")
