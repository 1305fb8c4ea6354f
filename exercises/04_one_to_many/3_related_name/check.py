"""related_name='comments': model, migration, serializer, views and tests follow; the JSON does not change."""

KIND = "code"
EDIT = ["articles/models.py", "articles/migrations/", "articles/serializers.py", "articles/views.py",
        "articles/tests/test_comments.py"]
CHANGES_TESTS = ["articles.tests.test_comments.CommentCreateTests.test_a_client_sent_article_is_ignored"]
TESTS = ["articles.tests.test_comments"]

MODEL = """
from articles.models import Article, Comment
field = Comment._meta.get_field('article')
result = {'related_name': field.remote_field.related_name,
          'accessor': field.remote_field.get_accessor_name()}
"""

MIGRATIONS = """
from io import StringIO
from django.core.management import call_command
out = StringIO()
try:
    call_command('makemigrations', 'articles', check=True, dry_run=True, stdout=out)
    result = 'up to date'
except SystemExit:
    result = out.getvalue().strip()
"""

# Queries of one request through Django's test client, in the copy's own database.
QUERIES = """
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment
from articles.models import Article
setup_test_environment()
pk = max(Article.objects.all(), key=lambda a: a.comments.count()).pk
result = {}
for name, url in (('detail', f'/api/v1/articles/{pk}/'), ('json-3', '/api/v1/json-3/')):
    with CaptureQueriesContext(connection) as queries:
        status = Client().get(url).status_code
    result[name] = [url, status, len(queries)]
"""


def check(c):
    model = c.django(MODEL)
    c.expect(model["related_name"] == "comments",
             f"Comment.article has related_name={model['related_name']!r}; expected 'comments' "
             f"(articles/models.py)")
    if model["related_name"] != "comments":
        return
    migrations = c.django(MIGRATIONS)
    c.expect(migrations == "up to date",
             "the model changed but no migration says so: run `python manage.py makemigrations` "
             "in your copy")

    pk = c.django("from articles.models import Article\n"
                  "result = max(Article.objects.all(), key=lambda a: a.comments.count()).pk")
    response = c.get(f"/api/v1/articles/{pk}/")
    c.expect_status(response, 200)
    if response.status_code == 200:
        data = response.json()
        c.expect("comment_set" in data and "comment_count" in data,
                 f"GET /api/v1/articles/{pk}/ answered the keys {sorted(data)}; the JSON must not "
                 f"change: comment_set and comment_count, as before")
        real = c.django(f"from articles.models import Article\n"
                        f"result = sorted(Article.objects.get(pk={pk}).comments.values_list('pk', flat=True))")
        shown = sorted(item.get("id") for item in data.get("comment_set", []))
        c.expect(shown == real and data.get("comment_count") == len(real),
                 f"GET /api/v1/articles/{pk}/ shows comments {shown} and comment_count "
                 f"{data.get('comment_count')}; the article has the comments {real}")
    c.expect_status(c.get("/api/v1/json-3/"), 200)

    for name, (url, status, count) in c.django(QUERIES).items():
        c.expect(status != 200 or count == 2,
                 f"GET {url} ran {count} SQL queries; expected 2 (the articles, then every comment "
                 f"in one prefetch): does prefetch_related() use the new name?")
    c.run_tests("articles.tests.test_comments")
