"""Break: without read_only_fields, article is a required input and validation refuses the comment."""

KIND = "break"
EDIT = ["articles/serializers.py", "answers/2.txt"]
ANSWERS = ["status", "field"]
CHANGES_TESTS = []
TESTS = ["articles.tests.test_comments"]

# The same mistake, made in the copy's own Django without touching its files: no read_only_fields,
# then a comment created through Django's test client, in a transaction rolled back.
MISTAKE = """
from django.db import transaction
from django.test import Client
from django.test.utils import setup_test_environment
from articles.models import Article
from articles.serializers import CommentSerializer
setup_test_environment()
CommentSerializer.Meta.read_only_fields = ()
pk = Article.objects.order_by('pk').first().pk
with transaction.atomic():
    response = Client(raise_request_exception=False).post(
        f'/api/v1/articles/{pk}/comments/', {'content': 'hello'}, content_type='application/json')
    transaction.set_rollback(True)
try:
    body = response.json()
except ValueError:
    body = None
result = {'status': response.status_code,
          'field': next(iter(body), None) if isinstance(body, dict) else None}
"""


def check(c):
    real = c.django(MISTAKE)
    c.expect_answer("status", real["status"])
    c.expect_answer(
        "field", real["field"], normalize=lambda v: str(v).strip().strip("`'\"").lower()
    )
    # ... and the copy works again: read_only_fields is back.
    response = c.post("/api/v1/articles/1/comments/", json={"content": "hello"})
    c.expect(
        response.status_code == 201,
        c.describe(response) + "; expected 201 Created: put read_only_fields = ('article',) "
        "back in CommentSerializer",
    )
