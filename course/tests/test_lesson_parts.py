"""The tooling lesson 06's notebooks lean on: a stage's notebooks in parts, the live route table,
and finding the learner's browser."""

import json

from course.browser import BROWSER_ENV, find_browser
from course.stages import Stage, resolve
from course.testing import copy_stage

from .test_notebook_helpers import python_in_stage


def test_a_stage_lists_its_notebooks_in_reading_order(tmp_path):
    for name in [
        "manage.py",
        "lesson_3_permissions.ipynb",
        "lesson.ipynb",
        "lesson_2_auth.ipynb",
        "scratch.ipynb",
    ]:
        (tmp_path / name).write_text("{}", encoding="utf-8")
    stage = Stage(tmp_path.name, tmp_path)
    assert stage.notebook == tmp_path / "lesson.ipynb"
    assert [nb.name for nb in stage.notebooks] == [
        "lesson.ipynb",
        "lesson_2_auth.ipynb",
        "lesson_3_permissions.ipynb",
    ]
    (tmp_path / "lesson.ipynb").unlink()
    assert stage.notebook is None


def test_the_route_table_is_read_from_the_urlconf(tmp_path):
    stage = copy_stage(resolve("06"), tmp_path, ready=False)  # routes need no database
    proc = python_in_stage(
        stage,
        """
        import json
        from course.notebook import setup
        setup()
        from course.routes import routes, routes_markdown
        print(json.dumps({r.route: [r.name, r.methods, r.permissions] for r in routes()}))
        print(json.dumps(routes_markdown(only="api/v1/")))
    """,
    )
    assert proc.returncode == 0, proc.stderr
    table, markdown = (json.loads(line) for line in proc.stdout.strip().splitlines()[-2:])
    assert table["api/v1/users/"] == ["articles:api_user_list", ["GET"], ["IsAdminUser"]]
    assert table["api/v1/health/"][2] == ["AllowAny"]
    assert table["api/v1/articles/"][1] == ["GET", "POST"]
    assert not any(route.startswith("admin/") for route in table)
    assert "| `/api/v1/users/` | `articles:api_user_list` | GET |" in markdown
    assert "accounts/" not in markdown


def test_find_browser_takes_the_learners_choice_first(tmp_path, monkeypatch):
    chosen = tmp_path / "my-chrome"
    chosen.write_text("", encoding="utf-8")
    monkeypatch.setenv(BROWSER_ENV, str(chosen))
    assert find_browser() == str(chosen)
    monkeypatch.setenv(BROWSER_ENV, str(tmp_path / "missing"))
    assert find_browser() is None  # a wrong choice is reported, not silently replaced
