"""Predict: comments.json alone into an empty database, then with articles.json in one command."""

KIND = "predict"
EDIT = ["answers/2.txt"]
ANSWERS = ["exception", "comments_after_alone", "comments_after_both"]
CHANGES_TESTS = []
TESTS = []

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


def check(c):
    answers = {key: c.answer(key) for key in ANSWERS}
    missing = [key for key, value in answers.items() if value is None]
    c.expect(not missing, "write your predictions first, in answers/2.txt: "
             + ", ".join(f"`{key}: ...`" for key in missing))
    if missing:
        return
    real = c.django(MEASURE)
    c.expect(answers["exception"].strip().strip("`'\"").lower() == str(real["exception_alone"]).lower(),
             f"you predicted {answers['exception'].strip()}; `loaddata comments.json` into an "
             f"empty database stopped with {real['exception_alone']}")
    for key, command in (("comments_after_alone", "loaddata comments.json"),
                         ("comments_after_both", "loaddata comments.json articles.json")):
        c.expect(answers[key].strip() == str(real[key]),
                 f"{key}: you predicted {answers[key].strip()}; after `{command}` into an empty "
                 f"database, it holds {real[key]} comments")
