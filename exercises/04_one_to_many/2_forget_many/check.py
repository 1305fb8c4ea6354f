"""Break: CommentSerializer without many=True is handed a RelatedManager; what does the server say?"""

KIND = "break"
EDIT = ["articles/serializers.py", "answers/2.txt"]
ANSWERS = ["status", "exception", "object"]
CHANGES_TESTS = []
TESTS = []

# The mistake, made in the copy's own Django without touching its files: comment_set declared
# without many=True, then the article detail requested through Django's test client.
MISTAKE = """
from django.test import Client
from django.test.utils import setup_test_environment
from articles.models import Article
from articles.serializers import ArticleSerializer, CommentSerializer
from rest_framework.serializers import ListSerializer
setup_test_environment()
declared = ArticleSerializer._declared_fields
field = next(name for name, value in declared.items()
             if isinstance(value, ListSerializer) and isinstance(value.child, CommentSerializer))
declared[field] = CommentSerializer(source=declared[field].source, read_only=True)
pk = Article.objects.order_by('pk').first().pk
status = Client(raise_request_exception=False).get(f'/api/v1/articles/{pk}/').status_code
try:
    ArticleSerializer(Article.objects.get(pk=pk)).data
    result = {'status': status, 'exception': None, 'object': None}
except Exception as exc:
    text = str(exc)
    kind = text.split("' object has no attribute")[0].rsplit("'", 1)[-1] if 'object has no' in text else None
    result = {'status': status, 'exception': type(exc).__name__, 'object': kind}
"""


def name(value):
    return str(value).strip().strip("`'\"").split(".")[-1].lower()


def check(c):
    real = c.django(MISTAKE)
    c.expect_answer("status", real["status"])
    c.expect_answer("exception", real["exception"], normalize=name)
    c.expect_answer("object", real["object"], normalize=name)
    # ... and the copy works again: many=True is back.
    response = c.get("/api/v1/articles/1/")
    if c.expect_status(response, 200):
        c.expect(isinstance(c.json(response).get("comment_set"), list),
                 "GET /api/v1/articles/1/ answers comment_set as something other than a list: "
                 "put many=True back in articles/serializers.py")
