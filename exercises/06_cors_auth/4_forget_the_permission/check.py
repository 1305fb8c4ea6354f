"""Break: api_article_detail without its check_author call: the permission class alone decides."""

KIND = "break"
EDIT = ["articles/views.py", "answers/4.txt"]
ANSWERS = ["stranger_delete", "anonymous_delete"]
CHANGES_TESTS = []
TESTS = ["articles.tests.test_auth"]

# The same mistake, made in the copy's own Django: the view's author check turned into a no-op,
# then two DELETEs through Django's test client, in a transaction rolled back.
MISTAKE = """
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client
from django.test.utils import setup_test_environment
from rest_framework.authtoken.models import Token
from articles import views
from articles.models import Article
setup_test_environment()
views.check_author = lambda request, obj: None  # the line the learner commented out
User = get_user_model()
with transaction.atomic():
    author = User.objects.create_user('mistake_author', password='x-pass-12345')
    stranger = User.objects.create_user('mistake_stranger', password='x-pass-12345')
    key = Token.objects.create(user=stranger).key
    first = Article.objects.create(user=author, title='a', content='a')
    second = Article.objects.create(user=author, title='b', content='b')
    client = Client(raise_request_exception=False)
    result = {
        'stranger_delete': client.delete(f'/api/v1/articles/{first.pk}/',
                                         HTTP_AUTHORIZATION=f'Token {key}').status_code,
        'anonymous_delete': client.delete(f'/api/v1/articles/{second.pk}/').status_code,
    }
    transaction.set_rollback(True)
"""


def check(c):
    real = c.django(MISTAKE)
    for key in ANSWERS:
        c.expect_answer(key, real[key])
    # ... and the copy is protected again: a stranger may not delete article 1.
    token = c.sign_up()
    response = c.delete("/api/v1/articles/1/", headers={"Authorization": f"Token {token}"})
    c.expect(
        response.status_code == 403,
        c.describe(response) + " for a user who is not its author; expected 403 Forbidden: "
        "put check_author(request, article) back in api_article_detail",
    )
