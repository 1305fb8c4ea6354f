"""Shared fixtures: three kinds of user and helpers to sign in as each."""

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APITestCase

from articles.models import Article, Comment

User = get_user_model()
PASSWORD = "Correct-Horse-42"  # strong enough for every password validator


class APITestBase(APITestCase):
    """Alice writes, Bob is another signed-in user, Root is staff and superuser."""

    @classmethod
    def setUpTestData(cls):
        cls.alice = User.objects.create_user("alice", password="alice-pass-123")
        cls.bob = User.objects.create_user("bob", password="bob-pass-123")
        cls.root = User.objects.create_superuser("root", password="root-pass-123")
        cls.tokens = {
            u.username: Token.objects.create(user=u).key for u in (cls.alice, cls.bob, cls.root)
        }
        cls.article = Article.objects.create(title="첫 글", content="안녕하세요", user=cls.alice)
        cls.comment = Comment.objects.create(article=cls.article, content="좋아요", user=cls.alice)

    def setUp(self):
        # Throttle counters live in the cache: start every test with none.
        cache.clear()

    def sign_up(self, username, password=PASSWORD):
        """POST /accounts/registration/ (dj-rest-auth's register) as a new user; the response."""
        return self.client.post(
            reverse("rest_register"),
            {"username": username, "password1": password, "password2": password},
        )

    def sign_in(self, user):
        """Send `Authorization: Token <key>` for `user`, or nothing for None."""
        if user is None:
            self.client.credentials()
        else:
            self.client.credentials(HTTP_AUTHORIZATION=f"Token {self.tokens[user.username]}")
