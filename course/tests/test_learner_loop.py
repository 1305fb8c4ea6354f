"""The learner's loop, walked as a learner walks it (issue 18): checks that cannot pass a wrong
answer and say what is wrong in plain words, work that is never lost, commands that act on the
learner's copy and write UTF-8 whatever the console. Solutions that apply in order, each check
passing after its own and all of them after the last: tests/test_exercises.py.

Every command runs with ``COURSE_WORK`` set to a scratch folder, so the learner's own ``work/`` is
never touched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from course.exercises import find
from course.exercises.checking import run_check
from course.exercises.stage_tests import run_stage_tests
from course.exercises.workbench import Workbench
from course.exercises.workspace import IGNORE
from course.exercises.patching import apply_patch
from course.run import run_manage
from course.stages import resolve

from .conftest import ROOT, course

# Issue 18's wrong answer to 01 3: a plain GET /articles/ (no q) becomes a 500.
WRONG_SEARCH = "    articles = articles.filter(title__contains=request.GET['q'])\n"


def run(work, *args, env=None, timeout=180):
    return course(*args, timeout=timeout, env={"COURSE_WORK": str(work), **(env or {})})


@pytest.fixture
def work(tmp_path):
    return tmp_path / "work"


def shipped_copy(stage, tmp_path):
    copy = tmp_path / stage.name
    shutil.copytree(stage.path, copy, ignore=IGNORE)
    return copy


# -- 9, 11: checks that cannot pass a wrong answer, in words a beginner reads ------------------


def test_a_search_that_breaks_the_plain_list_does_not_pass(tmp_path):
    exercise = find("01", "3")
    copy = shipped_copy(exercise.stage, tmp_path)
    views = copy / "articles" / "views.py"
    shipped = "    articles = Article.objects.all()\n"
    text = views.read_text(encoding="utf-8")
    assert text.count(shipped) == 1
    views.write_text(text.replace(shipped, shipped + WRONG_SEARCH), encoding="utf-8")
    result = run_check(exercise, copy)
    assert not result.passed
    assert any("GET /articles/ answered 500" in p for p in result.problems), result.problems
    assert len(result.problems) == 1, result.problems  # one mistake, named once


def test_every_check_runs_the_stage_s_own_tests(tmp_path):
    """The solution of 01 3, and a stage test the learner broke: the check does not pass."""
    exercise = find("01", "3")
    copy = shipped_copy(exercise.stage, tmp_path)
    apply_patch(exercise.patch, copy)
    assert run_check(exercise, copy).passed
    tests = copy / "articles" / "tests" / "test_pages.py"
    tests.write_text(
        tests.read_text(encoding="utf-8")
        + "\n\nclass Broken(TestCase):\n    def test_broken(self):\n        self.fail('no')\n",
        encoding="utf-8",
    )
    result = run_check(exercise, copy)
    assert not result.passed
    assert any("test_pages.Broken.test_broken fails" in p for p in result.problems), result.problems


def test_a_test_that_does_not_exist_says_so(tmp_path):
    copy = shipped_copy(resolve("01"), tmp_path)
    summary = run_stage_tests(copy, exclude=[], labels=["articles.tests.test_no_such_module"])
    [failure] = summary["failures"]
    assert "_FailedTest" not in failure["test"] + failure["message"]
    assert "there is no test articles.tests.test_no_such_module" in failure["message"]


def test_a_prediction_shows_as_the_learner_typed_it(work):
    run(work, "exercises", "01")
    exercise = find("01", "1")
    answers = work / exercise.stage.name / "answers" / "1.txt"
    key = exercise.answer_keys[0]
    answers.write_text(f"{key}: 안녕\n", encoding="utf-8")
    result = run(work, "check", "01", "1")
    assert result.returncode == 1
    assert f"`{key}: 안녕`" in result.stdout and "\\u" not in result.stdout, result.stdout


# -- 12, 13, 14: never lose the learner's work -------------------------------------------------


def test_restart_keeps_a_copy_of_every_file_it_replaces_and_asks_first(work):
    run(work, "exercises", "03")
    copy = work / "03_serializers"
    tests = copy / "articles" / "tests" / "test_api.py"  # 03 2's test lives where 03 4 edits
    mine = tests.read_text(encoding="utf-8") + "\n# the learner's own test for 03 2\n"
    tests.write_text(mine, encoding="utf-8")
    refused = run(work, "restart", "03", "4")
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1
    assert tests.read_text(encoding="utf-8") == mine, "nothing changed before the learner agreed"
    restarted = run(work, "restart", "03", "4", "--yes")
    assert restarted.returncode == 0, restarted.stderr
    [backup] = (work / "backups" / "03_serializers").iterdir()
    assert f"{backup.name}" in restarted.stdout
    assert (backup / "articles" / "tests" / "test_api.py").read_text(encoding="utf-8") == mine
    shipped = resolve("03").path / "articles" / "tests" / "test_api.py"
    assert tests.read_text(encoding="utf-8") == shipped.read_text(encoding="utf-8")


def test_solution_asks_first_or_needs_show(work):
    asked = run(work, "solution", "03", "4")
    assert asked.returncode == 2 and asked.stderr.count("\n") == 1 and "--show" in asked.stderr
    assert "+++" not in asked.stdout
    shown = run(work, "solution", "03", "4", "--show")
    assert shown.returncode == 0 and "+++ b/articles/views.py" in shown.stdout


# -- 7, 8: commands act on the copy; a new copy is ready ----------------------------------------


def test_a_new_copy_is_migrated_and_filled(work):
    run(work, "exercises", "05")
    # Exercise 05 1's first step, in the new copy: no "no such table".
    proc = run_manage(work / "05_fixtures", "dumpdata", "articles", capture=True)
    assert '"model": "articles.article"' in proc.stdout


def test_reset_acts_on_the_copy_and_says_so(work):
    run(work, "exercises", "03")
    db = work / "03_serializers" / "db.sqlite3"
    before = db.stat().st_mtime_ns
    reset = run(work, "reset", "03", "--yes")
    assert reset.returncode == 0, reset.stderr
    assert "your exercise copy" in reset.stdout and str(db) in reset.stdout
    assert db.exists() and db.stat().st_mtime_ns != before
    refused = run(work, "serve", "03", "--port", "1")  # no terminal: refuses, naming the copy
    assert "your exercise copy" in refused.stdout


def test_client_uses_the_api_lab_runs(work):
    from course.client import remember_api
    from course.processes import free_port
    from course.server import standard_library_server
    from course.stages import Stage

    run(work, "exercises", "06")
    copy = Stage("06_cors_auth", work / "06_cors_auth")
    with standard_library_server() as api:  # stands for lab's server of the copy
        remember_api(copy, api)
        proc = subprocess.Popen(
            [sys.executable, "-m", "course", "client", "06", "--port", str(free_port())],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            env={**os.environ, "COURSE_WORK": str(work)},
        )
        try:
            lines = []
            for line in proc.stdout:
                lines.append(line)
                if "API:" in line:
                    break
        finally:
            proc.terminate()
            proc.communicate(timeout=30)
    assert f"API:  {api} (the server of `python -m course lab 06`)" in "".join(lines), lines


# -- 15: UTF-8 whatever the console --------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["cp1252", "cp949"])
@pytest.mark.parametrize(
    "args",
    [
        ("exercises", "03", "2"),
        ("diff", "03", "04"),
        ("exercises",),
        ("hint", "06", "1", "--all"),
        ("solution", "04", "1", "--show"),
        ("list",),
    ],
    ids=" ".join,
)
def test_every_command_writes_utf8_whatever_the_console(work, encoding, args):
    result = run(work, *args, env={"PYTHONIOENCODING": encoding})
    assert result.returncode == 0, result.stderr
    assert "UnicodeEncodeError" not in result.stderr and result.stdout


# -- 17: watch re-checks on the copy it prepared once ----------------------------------------------


def test_watch_rechecks_on_the_kept_copy_without_preparing_it_again(tmp_path, monkeypatch):
    from course.exercises.checking import Check

    exercise = find("01", "3")
    copy = shipped_copy(exercise.stage, tmp_path)
    prepared = []
    original = Check._prepare
    monkeypatch.setattr(Check, "_prepare", lambda self: (prepared.append(1), original(self))[1])
    bench = Workbench(exercise.stage.name)
    try:
        assert not run_check(exercise, copy, bench).passed
        apply_patch(exercise.patch, copy)  # the learner's save
        solved = run_check(exercise, copy, bench)
        assert solved.passed, solved.problems
        assert bench.copy.joinpath("articles", "views.py").read_text(encoding="utf-8") == (
            copy / "articles" / "views.py"
        ).read_text(encoding="utf-8")
    finally:
        bench.close()
    assert prepared == [1], "the second check prepared the copy again"
    assert not bench.scratch.exists()


def test_a_put_made_partial_does_not_pass_03_4(tmp_path):
    exercise = find("03", "4")
    copy = shipped_copy(exercise.stage, tmp_path)
    apply_patch(exercise.patch, copy)
    views = copy / "articles" / "views.py"
    text = views.read_text(encoding="utf-8")
    assert "partial=request.method == 'PATCH'" in text
    views.write_text(text.replace("partial=request.method == 'PATCH'", "partial=True"), "utf-8")
    result = run_check(exercise, copy)
    assert any("a PUT replaces the whole article" in p for p in result.problems), result.problems


def test_03_2_asks_for_a_test_of_your_own(tmp_path):
    exercise = find("03", "2")
    copy = shipped_copy(exercise.stage, tmp_path)
    apply_patch(exercise.patch, copy)
    shipped = exercise.stage.path / "articles" / "tests" / "test_api.py"
    shutil.copyfile(shipped, copy / "articles" / "tests" / "test_api.py")  # no test added
    result = run_check(exercise, copy)
    assert result.problems == [
        "no test of your own yet: add one to ArticleBadInputTests in articles/tests/test_api.py "
        "(a title of only digits answers 400)"
    ]


def test_a_regex_that_lets_any_host_on_port_5500_in_does_not_pass_06_1(tmp_path):
    exercise = find("06", "1")
    copy = shipped_copy(exercise.stage, tmp_path)
    settings = copy / "config" / "settings.py"
    wide = "\nCORS_ALLOWED_ORIGIN_REGEXES = [r'^http://.*:5500$']\n"
    settings.write_text(settings.read_text(encoding="utf-8") + wide, encoding="utf-8")
    result = run_check(exercise, copy)
    assert len(result.problems) == 1, result.problems
    assert "http://evil.example:5500" in result.problems[0]


def test_a_fixture_with_rows_from_auth_does_not_pass_05_3(tmp_path):
    import json

    exercise = find("05", "3")
    copy = shipped_copy(exercise.stage, tmp_path)
    apply_patch(exercise.patch, copy)
    fixture = copy / "fixtures" / "notices.json"
    rows = json.loads(fixture.read_text(encoding="utf-8"))
    rows.append({"model": "auth.group", "pk": 50, "fields": {"name": "dumped too"}})
    fixture.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    result = run_check(exercise, copy)
    assert any("auth.Group: 1" in p for p in result.problems), result.problems
