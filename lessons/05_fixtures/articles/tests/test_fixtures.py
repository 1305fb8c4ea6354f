"""Lesson 05: the fixtures load into an empty database, and the API serves them."""

import json
import tempfile
from datetime import datetime
from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.db import IntegrityError
from django.test import TestCase, TransactionTestCase
from django.urls import reverse
from rest_framework import status

from articles.models import Article, Comment

FIXTURES_DIR = Path(apps.get_app_config('articles').path) / 'fixtures'
FIXTURE_FILES = sorted(path.name for path in FIXTURES_DIR.glob('*.json'))  # in name order


def fixture_rows(model_label):
    """The rows of one model in the fixture files, as dumpdata wrote them: {model, pk, fields}."""
    rows = []
    for name in FIXTURE_FILES:
        rows += [
            row
            for row in json.loads((FIXTURES_DIR / name).read_text(encoding='utf-8'))
            if row['model'] == model_label
        ]
    return rows


# What the files hold, counted: a learner who makes them again from their own rows (README) keeps
# every test true.
SHIPPED = (len(fixture_rows('articles.article')), len(fixture_rows('articles.comment')))


def to_milliseconds(row):
    # dumpdata's JSON writes datetimes to the millisecond (ECMAScript's format): finer digits are
    # the one thing a round trip through JSON loses.
    return {
        key: value.replace(microsecond=value.microsecond // 1000 * 1000)
        if isinstance(value, datetime)
        else value
        for key, value in row.items()
    }


def table_rows():
    """Every article and comment as plain values, to compare two databases row by row."""
    return (
        [to_milliseconds(row) for row in Article.objects.order_by('pk').values()],
        [to_milliseconds(row) for row in Comment.objects.order_by('pk').values()],
    )


class FixtureFilesTests(TestCase):
    """The files themselves: where Django looks for them, and what dumpdata wrote in them."""

    def test_the_files_are_in_the_app_fixtures_folder(self):
        self.assertIn('articles.json', FIXTURE_FILES)
        self.assertIn('comments.json', FIXTURE_FILES)

    def test_each_row_has_model_pk_and_fields(self):
        for name in FIXTURE_FILES:
            raw = (FIXTURES_DIR / name).read_bytes()
            with self.subTest(name):
                self.assertFalse(
                    raw.startswith((b'\xff\xfe', b'\xfe\xff', b'\xef\xbb\xbf')),
                    'UTF-8 without a BOM, as dumpdata -o writes it',
                )
                for row in json.loads(raw.decode('utf-8')):
                    self.assertEqual(set(row), {'model', 'pk', 'fields'})

    def test_every_comment_points_at_an_article_of_the_fixtures(self):
        articles = {row['pk'] for row in fixture_rows('articles.article')}
        self.assertTrue(articles, 'articles.json holds articles')
        for row in fixture_rows('articles.comment'):
            self.assertIn(row['fields']['article'], articles)


class LoaddataIntoAnEmptyDatabaseTests(TestCase):
    """call_command('loaddata') into the test database: migrated, and empty."""

    def test_the_database_starts_empty(self):
        self.assertEqual((Article.objects.count(), Comment.objects.count()), (0, 0))

    def test_loaddata_loads_every_row_with_its_foreign_keys(self):
        call_command('loaddata', *FIXTURE_FILES, verbosity=0)
        self.assertEqual((Article.objects.count(), Comment.objects.count()), SHIPPED)
        for row in fixture_rows('articles.comment'):
            comment = Comment.objects.select_related('article').get(pk=row['pk'])
            self.assertEqual(comment.article.pk, row['fields']['article'])
            self.assertEqual(comment.content, row['fields']['content'])
        for row in fixture_rows('articles.article'):
            self.assertEqual(Article.objects.get(pk=row['pk']).title, row['fields']['title'])

    def test_timestamps_are_kept_as_they_were_dumped(self):
        call_command('loaddata', *FIXTURE_FILES, verbosity=0)
        row = fixture_rows('articles.article')[0]
        article = Article.objects.get(pk=row['pk'])
        # auto_now / auto_now_add do not fire for a fixture: loaddata saves rows "raw".
        self.assertEqual(
            article.created_at.isoformat().replace('+00:00', 'Z')[:23],
            row['fields']['created_at'][:23],
        )

    def test_comments_alone_fail_because_their_articles_are_missing(self):
        with self.assertRaises(IntegrityError) as caught:
            call_command('loaddata', 'comments.json', verbosity=0)
        self.assertIn('foreign key', str(caught.exception).lower())
        self.assertEqual(Comment.objects.count(), 0, 'a failed loaddata leaves nothing behind')

    def test_in_one_command_the_file_order_does_not_matter(self):
        # Foreign keys are checked once, at the end of the whole command.
        call_command('loaddata', *reversed(FIXTURE_FILES), verbosity=0)
        self.assertEqual((Article.objects.count(), Comment.objects.count()), SHIPPED)

    def test_dumpdata_writes_the_files_again(self):
        call_command('loaddata', *FIXTURE_FILES, verbosity=0)
        with tempfile.TemporaryDirectory() as folder:
            for name, label in (
                ('articles.json', 'articles.article'),
                ('comments.json', 'articles.comment'),
            ):
                out = Path(folder) / name
                call_command('dumpdata', label, indent=2, output=str(out), verbosity=0)
                with self.subTest(name):
                    self.assertEqual(
                        json.loads(out.read_text(encoding='utf-8')),
                        json.loads((FIXTURES_DIR / name).read_text(encoding='utf-8')),
                    )


class FixturesInTestsTests(TestCase):
    """A TestCase names its fixtures; Django loads them before each test (and rolls them back)."""

    fixtures = ['articles.json', 'comments.json']

    def test_the_rows_are_there(self):
        self.assertEqual((Article.objects.count(), Comment.objects.count()), SHIPPED)

    def test_the_api_serves_the_articles(self):
        response = self.client.get(reverse('articles:api_article_list'))
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        served = {(item['id'], item['title']) for item in response.json()}
        expected = {(row['pk'], row['fields']['title']) for row in fixture_rows('articles.article')}
        self.assertEqual(served, expected)

    def test_the_api_serves_the_comments(self):
        response = self.client.get(reverse('articles:api_comment_list'))
        served = {(item['id'], item['article'], item['content']) for item in response.json()}
        expected = {
            (row['pk'], row['fields']['article'], row['fields']['content'])
            for row in fixture_rows('articles.comment')
        }
        self.assertEqual(served, expected)

    def test_the_article_detail_nests_its_fixture_comments(self):
        for row in fixture_rows('articles.article'):
            expected = {
                c['pk']
                for c in fixture_rows('articles.comment')
                if c['fields']['article'] == row['pk']
            }
            data = self.client.get(reverse('articles:api_article_detail', args=[row['pk']])).json()
            with self.subTest(article=row['pk']):
                self.assertEqual({c['id'] for c in data['comment_set']}, expected)
                self.assertEqual(data['comment_count'], len(expected))


class DumpAndLoadRoundTripTests(TransactionTestCase):
    """dumpdata, then an emptied database, then loaddata: the same rows come back."""

    fixtures = ['articles.json', 'comments.json']

    def test_round_trip_gives_the_same_rows(self):
        Comment.objects.create(article=Article.objects.first(), content='덤프 뒤에도 남을 댓글')
        before = table_rows()
        with tempfile.TemporaryDirectory() as folder:
            dump = Path(folder) / 'articles_dump.json'
            call_command('dumpdata', 'articles', indent=2, output=str(dump), verbosity=0)
            call_command('flush', interactive=False, verbosity=0)  # every table emptied
            self.assertEqual(table_rows(), ([], []))
            call_command('loaddata', str(dump), verbosity=0)
        self.assertEqual(table_rows(), before)
