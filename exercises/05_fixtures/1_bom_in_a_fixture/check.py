"""Break: a fixture saved with a UTF-8 byte order mark; which error does loaddata stop with?"""

KIND = "break"
EDIT = ["dump.json", "answers/1.txt"]
ANSWERS = ["exception", "unexpected"]
CHANGES_TESTS = []
TESTS = ["articles.tests.test_fixtures"]

# The same mistake, made here: two articles dumped, re-saved with a BOM, loaded into a fresh test
# database (the copy's own rows are never touched). What loaddata raises, and what caused it.
MISTAKE = """
import tempfile
from io import StringIO
from pathlib import Path
from django.core.management import call_command
from django.db import connection
out = StringIO()
call_command('dumpdata', 'articles.article', pks='1,2', indent=2, stdout=out)
folder = Path(tempfile.mkdtemp())
path = folder / 'dump.json'
path.write_text(out.getvalue(), encoding='utf-8-sig')
old = connection.settings_dict['NAME']
connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
try:
    call_command('loaddata', str(path), verbosity=0)
    result = {'exception': None, 'cause': ''}
except Exception as exc:
    cause = exc.__cause__ or exc.__context__
    result = {'exception': type(exc).__name__,
              'cause': f'{type(cause).__name__}: {cause}' if cause else str(exc)}
finally:
    connection.creation.destroy_test_db(old, verbosity=0)
    path.unlink()
    folder.rmdir()
"""


def name(value):
    return str(value).strip().strip("`'\"").split(".")[-1].lower()


def check(c):
    real = c.django(MISTAKE)
    # Django's DeserializationError wraps json's JSONDecodeError: either name is right.
    given = c.answer("exception")
    if (
        given is not None
        and name(given) == "jsondecodeerror"
        and "JSONDecodeError" in real["cause"]
    ):
        real["exception"] = "JSONDecodeError"
    c.expect_answer("exception", real["exception"], normalize=name)
    # What the last line says was unexpected: a "UTF-8 BOM" (any wording that names the BOM).
    c.expect_answer(
        "unexpected",
        "BOM" if "bom" in real["cause"].lower() else real["cause"],
        normalize=lambda v: (
            "bom"
            if "bom" in str(v).lower() or "byte order mark" in str(v).lower()
            else str(v).strip().lower()
        ),
    )
