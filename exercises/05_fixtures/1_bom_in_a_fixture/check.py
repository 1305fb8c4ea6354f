"""Break: a fixture saved with a UTF-8 byte order mark; which error does loaddata stop with?"""

KIND = "break"
EDIT = ["dump.json", "answers/1.txt"]
ANSWERS = ["exception", "unexpected"]
CHANGES_TESTS = []
TESTS = []

# The first bytes of dump.json, and what loaddata says about it, in a test database that is thrown
# away (the copy's own rows are never touched).
PROBE = """
from pathlib import Path
from django.conf import settings
from django.core.management import call_command
from django.db import connection
path = Path(settings.BASE_DIR) / 'dump.json'
result = {'exists': path.exists()}
if path.exists():
    result['head'] = path.read_bytes()[:3].hex()
    old = connection.settings_dict['NAME']
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        call_command('loaddata', str(path), verbosity=0)
        result['error'] = None
    except Exception as exc:
        cause = exc.__cause__ or exc.__context__
        result['error'] = type(exc).__name__
        result['message'] = str(exc) + ' ' + (f'{type(cause).__name__}: {cause}' if cause else '')
    finally:
        connection.creation.destroy_test_db(old, verbosity=0)
"""


def same(answer, *accepted):
    return answer is not None and answer.strip().strip("`'\"").lower() in [a.lower() for a in accepted]


def check(c):
    probe = c.django(PROBE)
    c.expect(probe["exists"], "there is no dump.json beside manage.py in your copy: do steps 1 and 2")
    if not probe["exists"]:
        return
    c.expect(probe["head"] == "efbbbf",
             f"dump.json starts with the bytes {probe['head']}, not with a BOM (ef bb bf): "
             f"re-save it with encoding='utf-8-sig' (step 2)")
    if probe["head"] != "efbbbf":
        return
    c.expect(probe["error"] is not None,
             "loaddata accepted dump.json: is the file a real dumpdata fixture?")
    answers = {key: c.answer(key) for key in ANSWERS}
    missing = [key for key, value in answers.items() if value is None]
    c.expect(not missing, "write what you saw in answers/1.txt: "
             + ", ".join(f"`{key}: ...`" for key in missing))
    if missing or probe["error"] is None:
        return
    c.expect(same(answers["exception"], probe["error"], "JSONDecodeError"),
             f"you wrote exception {answers['exception']}; `python manage.py loaddata dump.json` "
             f"stops with {probe['error']}: look for the line that begins \"Problem installing "
             f"fixture\"")
    unexpected = (answers["unexpected"] or "").lower()
    c.expect("bom" in unexpected or "byte order mark" in unexpected,
             f"you wrote that {answers['unexpected']!r} was unexpected; the last line of the error "
             f"says: {probe['message'].split('JSONDecodeError: ')[-1][:80]}")
