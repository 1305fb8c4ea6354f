"""The seed command and the fixtures."""

import re
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase

from articles.models import Article, Comment

User = get_user_model()
HANGUL = re.compile("[\uac00-\ud7a3]")


class SeedTests(TestCase):
    def seed(self, *args, **kwargs):
        out = StringIO()
        call_command("seed", *args, stdout=out, **kwargs)
        return out.getvalue()

    def test_fills_every_model_and_creates_users(self):
        output = self.seed("articles", number=30)
        self.assertEqual(Article.objects.count(), 30)
        self.assertEqual(Comment.objects.count(), 30)
        self.assertTrue(User.objects.exists())
        self.assertIn("articles.Comment: 30 created", output)
        for article in Article.objects.all():
            self.assertTrue(0 < len(article.title) <= 100)
            self.assertTrue(article.content)
            article.full_clean()
        for comment in Comment.objects.select_related("article", "user"):
            comment.full_clean()

    def test_reuses_existing_users(self):
        User.objects.create_user("only")
        self.seed("articles", number=5)
        self.assertEqual(User.objects.count(), 1)

    def test_korean_locale(self):
        self.seed("articles", number=5, locale="ko_KR")
        self.assertTrue(all(HANGUL.search(a.content) for a in Article.objects.all()))

    def test_bad_arguments_are_command_errors(self):
        for args, kwargs in [
            (["nosuchapp"], {}),
            (["articles"], {"number": 0}),
            (["articles"], {"number": -3}),
            (["articles"], {"number": 100_001}),
            (["articles"], {"number": "many"}),
            (["articles"], {"locale": "xx_YY"}),
        ]:
            with self.subTest(args=args, kwargs=kwargs):
                with self.assertRaises(CommandError):
                    self.seed(*args, **kwargs)
        self.assertFalse(Article.objects.exists())


class FixtureTests(TestCase):
    def test_fixture_loads_into_an_empty_database(self):
        call_command("loaddata", "articles", verbosity=0)
        self.assertEqual(Article.objects.count(), 2)
        self.assertEqual(Comment.objects.count(), 3)
        alice = User.objects.get(username="alice")
        self.assertTrue(alice.check_password("alice-pass-123"))
        self.assertEqual(Article.objects.get(title="첫 번째 글").user, alice)
