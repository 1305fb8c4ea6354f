"""Predict: comments.json alone into an empty database, then with articles.json in one command."""

KIND = "predict"
EDIT = ["answers/2.txt"]
ANSWERS = ["exception", "comments_after_alone", "comments_after_both"]
CHANGES_TESTS = []
SERVER = False  # loaddata in test databases; no HTTP needed
TESTS = ["articles.tests.test_fixtures"]

# Both loads, each in a fresh, empty, migrated test database (the copy's own rows are not touched).
MEASURE = """
from django.core.management import call_command
from django.db import connection
from articles.models import Comment
result = {}
old = connection.settings_dict['NAME']
for name, files in (('alone', ['comments.json']), ('both', ['comments.json', 'articles.json'])):
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        try:
            call_command('loaddata', *files, verbosity=0)
            result[f'exception_{name}'] = None
        except Exception as exc:
            result[f'exception_{name}'] = type(exc).__name__
        result[f'comments_after_{name}'] = Comment.objects.count()
    finally:
        connection.creation.destroy_test_db(old, verbosity=0)
"""


def name(value):
    return str(value).strip().strip("`'\"").split(".")[-1].lower()


def check(c):
    real = c.django(MEASURE)
    c.expect_answer("exception", real["exception_alone"], normalize=name)
    c.expect_answer("comments_after_alone", real["comments_after_alone"])
    c.expect_answer("comments_after_both", real["comments_after_both"])
