"""Predict the queries of json-3's serializer with and without prefetch_related (N+1)."""

KIND = "predict"
EDIT = ["answers/4.txt"]
ANSWERS = ["with_prefetch", "without_prefetch"]
CHANGES_TESTS = []
TESTS = ["articles.tests.test_comments"]
SERVER = False  # counted in the copy's Django; no HTTP needed

# Measured in the copy: the reverse accessor's name is read from the model, so this still works
# after exercise 3 renamed it.
MEASURE = """
from django.db import connection
from django.test.utils import CaptureQueriesContext
from articles.models import Article, Comment
from articles.serializers import ArticleSerializer
accessor = Comment._meta.get_field('article').remote_field.get_accessor_name()
result = {'articles': Article.objects.count()}
for name, queryset in (('with_prefetch', Article.objects.prefetch_related(accessor)),
                       ('without_prefetch', Article.objects.all())):
    with CaptureQueriesContext(connection) as queries:
        ArticleSerializer(queryset, many=True).data
    result[name] = len(queries)
"""


# N is the number of articles in the learner's own copy (the statement asks them to count it
# there), so the queries are counted on that database, read only.
OWN_DATABASE = """
from pathlib import Path
from django.db import connection
own = Path({path!r})
if own.exists():
    connection.settings_dict['NAME'] = str(own)
"""


def check(c):
    real = c.django(OWN_DATABASE.format(path=str(c.folder / "db.sqlite3")) + MEASURE)
    wrong = [key for key in ANSWERS if not c.expect_answer(key, real[key])]
    if any(c.answer(key) is not None for key in wrong):
        c.problems.append(
            f"(counted on your copy's database, where N = {real['articles']} articles)"
        )
