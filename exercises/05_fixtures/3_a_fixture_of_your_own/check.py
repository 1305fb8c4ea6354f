"""A fixture made with dumpdata, found through FIXTURE_DIRS, rebuilds 3 notices and their comments."""

KIND = "code"
EDIT = ["fixtures/notices.json", "config/settings.py"]
CHANGES_TESTS = []
TESTS = ["articles.tests.test_fixtures"]

# loaddata by NAME (so FIXTURE_DIRS must lead to it), into an empty test database.
LOAD = """
from pathlib import Path
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from articles.models import Article, Comment
path = Path(settings.BASE_DIR) / 'fixtures' / 'notices.json'
result = {'exists': path.exists(),
          'dirs': [str(Path(d).resolve()) for d in settings.FIXTURE_DIRS],
          'folder': str(path.parent.resolve())}
if path.exists():
    result['head'] = path.read_bytes()[:3].hex()
    old = connection.settings_dict['NAME']
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        try:
            call_command('loaddata', 'notices.json', verbosity=0)
            result['error'] = None
        except Exception as exc:
            result['error'] = f'{type(exc).__name__}: {str(exc)[:200]}'
        result['articles'] = list(Article.objects.order_by('pk').values_list('pk', 'title'))
        result['comments'] = list(Comment.objects.values_list('pk', 'article_id'))
        from django.apps import apps
        result['others'] = sorted(
            f'{m._meta.label}: {m.objects.count()}' for m in apps.get_models()
            # migrate itself writes content types and permissions: the fixture's are other rows
            if m not in (Article, Comment) and m._meta.app_label != 'contenttypes'
            and m._meta.label != 'auth.Permission' and m.objects.exists())
    finally:
        connection.creation.destroy_test_db(old, verbosity=0)
"""


def check(c):
    probe = c.django(LOAD)
    c.expect(probe["exists"], "there is no fixtures/notices.json beside manage.py in your copy")
    if not probe["exists"]:
        return
    c.expect(
        probe["head"] != "efbbbf" and not probe["head"].startswith(("fffe", "feff")),
        "fixtures/notices.json starts with a byte order mark: let dumpdata write it with -o",
    )
    c.expect(
        probe["folder"] in probe["dirs"],
        f"settings.FIXTURE_DIRS is {probe['dirs']}: it must name the fixtures/ folder beside "
        f"manage.py, so that `loaddata notices.json` finds the file by its name",
    )
    if probe["error"]:
        c.expect(False, f"`loaddata notices.json` into an empty database failed: {probe['error']}")
        return
    titles = [title for _, title in probe["articles"]]
    c.expect(
        len(titles) == 3 and all(title.startswith("[공지]") for title in titles),
        f"`loaddata notices.json` gave {len(titles)} articles titled {titles}; expected exactly "
        f"3, each title starting with [공지]",
    )
    pks = {pk for pk, _ in probe["articles"]}
    commented = {article for _, article in probe["comments"]}
    c.expect(
        bool(pks) and pks <= commented,
        f"the articles {sorted(pks - commented)} have no comment in the fixture; each notice "
        f"needs at least one",
    )
    c.expect(
        not probe["others"],
        f"the fixture holds other rows too: {probe['others']}; dump only the articles app",
    )
