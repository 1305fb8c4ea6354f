"""Lesson 03, exercise 1 (break it): a serializer given a queryset without many=True."""

KIND = "break"
EDIT = ["articles/views.py", "answers/1.txt"]
CHANGES_TESTS = []
ANSWERS = ["status", "exception", "attribute"]
TESTS = ["articles.tests.test_api"]

# What the list serializer does with a queryset and no many=True, in the copy's own Django.
WITHOUT_MANY = """
import re
from articles.models import Article
from articles.serializers import ArticleListSerializer
try:
    ArticleListSerializer(Article.objects.all()).data
    result = ['no exception', '']
except Exception as error:
    found = re.search(r"attribute '(\\w+)'|field `(\\w+)`", str(error))
    result = [type(error).__name__, next((g for g in found.groups() if g), '') if found else '']
"""


def check(c):
    exception, attribute = c.django(WITHOUT_MANY)
    c.expect_answer("exception", exception)
    c.expect_answer(
        "attribute", attribute, normalize=lambda v: str(v).strip().strip("'`\"").lower()
    )
    c.expect_answer("status", 500)  # an exception no code catches is a server error
    response = c.get("/api/v1/articles/")
    if c.expect(
        response.status_code == 200, c.describe(response) + "; expected 200 OK: put many=True back"
    ):
        c.expect(
            isinstance(c.json(response), list),
            "GET /api/v1/articles/ should answer a JSON list of articles",
        )
