import re
from io import StringIO

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import models, transaction
from django.test import TestCase

HANGUL = re.compile('[\uac00-\ud7a3]')


def seed(*args, **options):
    """Run ``manage.py seed`` in-process; return what it printed."""
    out = StringIO()
    call_command('seed', *args, stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


def app_models():
    return list(apps.get_app_config('articles').get_models())


def text_fields(model):
    """The plain text fields a locale decides the language of (not e-mails, URLs or choices)."""
    return [
        f
        for f in model._meta.concrete_fields
        if type(f) in (models.CharField, models.TextField) and not f.choices
    ]


class SeedCommandTests(TestCase):
    """``seed <app> --number=N [--locale L] [--seed S]``: N valid rows per model, or nothing at all."""

    def counts(self):
        """Rows per model of the app, and users (seed may create authors)."""
        counts = {model: model.objects.count() for model in app_models()}
        counts[get_user_model()] = get_user_model().objects.count()
        return counts

    def new_rows(self, before):
        """The rows each model gained since ``before`` (a {model: max pk} snapshot)."""
        return {model: list(model.objects.filter(pk__gt=before[model])) for model in app_models()}

    def max_pks(self):
        return {
            model: model.objects.aggregate(m=models.Max('pk'))['m'] or 0 for model in app_models()
        }

    def test_seed_makes_exactly_n_valid_rows_per_model(self):
        before, pks = self.counts(), self.max_pks()
        output = seed('articles', number=3)
        for model in app_models():
            with self.subTest(model=model.__name__):
                self.assertEqual(model.objects.count(), before[model] + 3)
                self.assertIn(str(model._meta.verbose_name_plural), output)
        for model, rows in self.new_rows(pks).items():
            for row in rows:
                with self.subTest(model=model.__name__, pk=row.pk):
                    row.full_clean()  # every value within its field's limits (max_length, blank ...)
                    for field in text_fields(model):
                        self.assertTrue(getattr(row, field.name).strip(), f'{field.name} is empty')

    def test_seed_adds_to_what_is_there(self):
        seed('articles', number=2)
        seed('articles', number=2)
        for model in app_models():
            self.assertEqual(model.objects.count(), 4, model.__name__)

    def test_korean_locale_writes_korean_text(self):
        pks = self.max_pks()
        seed('articles', number=2, locale='ko_KR')
        for model, rows in self.new_rows(pks).items():
            for row in rows:
                for field in text_fields(model):
                    with self.subTest(model=model.__name__, field=field.name, pk=row.pk):
                        self.assertRegex(getattr(row, field.name), HANGUL)
                row.full_clean()  # Korean text counts characters, not bytes: still within max_length

    def test_default_locale_writes_no_korean(self):
        pks = self.max_pks()
        seed('articles', number=2)
        for model, rows in self.new_rows(pks).items():
            for row in rows:
                for field in text_fields(model):
                    self.assertNotRegex(getattr(row, field.name), HANGUL)

    def seeded_values(self, **options):
        """What ``seed`` writes from the current database, then undone (a rolled-back savepoint).

        Each row as its field values, leaving out the primary key and the clock's timestamps; a
        foreign key as the text of the row it points at.
        """
        with transaction.atomic():
            pks = self.max_pks()
            seed('articles', number=3, **options)
            values = {}
            for model, rows in self.new_rows(pks).items():
                values[model.__name__] = [
                    tuple(
                        str(getattr(row, f.name))
                        for f in model._meta.concrete_fields
                        if not (
                            f.primary_key
                            or getattr(f, 'auto_now', False)
                            or getattr(f, 'auto_now_add', False)
                        )
                    )
                    for row in rows
                ]
            transaction.set_rollback(True)
        return values

    def test_the_same_seed_gives_the_same_rows(self):
        first = self.seeded_values(seed=42, locale='ko_KR')
        second = self.seeded_values(seed=42, locale='ko_KR')
        other = self.seeded_values(seed=43, locale='ko_KR')
        self.assertEqual(first, second)
        self.assertNotEqual(first, other)

    def assert_refused(self, *args, message, **options):
        """The command stops with a one-line CommandError and leaves every table as it was."""
        before = self.counts()
        with self.assertRaises(CommandError) as caught:
            seed(*args, **options)
        text = str(caught.exception)
        self.assertRegex(text, message)
        self.assertNotIn('\n', text.strip(), 'one line, no traceback')
        self.assertEqual(self.counts(), before, 'nothing was written')

    def test_unknown_app_is_refused(self):
        self.assert_refused('no_such_app', number=3, message='no_such_app')

    def test_a_number_below_one_is_refused(self):
        for number in (0, -5):
            with self.subTest(number=number):
                self.assert_refused('articles', number=number, message=str(number))

    def test_an_absurd_number_is_refused(self):
        self.assert_refused('articles', number=10**9, message=str(10**9))

    def test_a_number_that_is_not_a_number_is_refused(self):
        self.assert_refused('articles', '--number=many', message='many')

    def test_unknown_locale_is_refused(self):
        self.assert_refused('articles', number=3, locale='xx_XX', message='xx_XX')
