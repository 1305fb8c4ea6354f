"""The exercise commands as a learner runs them: progress, restart, a broken copy, wrong numbers,
hints, solutions, and `watch` stopping on Ctrl-C with nothing left running.

Every command runs with ``COURSE_WORK`` set to a scratch folder, so the learner's own ``work/``
is never touched.
"""

import os
import signal
import subprocess
import sys
import time

import pytest

from course.exercises import find
from course.stages import resolve

from .conftest import ROOT, course

EXERCISE = ("03", "4")  # PATCH with partial=True: a code exercise with a solution that edits a test


def run(work, *args, timeout=180):
    return course(*args, timeout=timeout, env={"COURSE_WORK": str(work)})


@pytest.fixture
def work(tmp_path):
    return tmp_path / "work"


def test_exercises_lists_every_lesson_and_makes_a_copy(work):
    listing = run(work, "exercises")
    assert listing.returncode == 0, listing.stderr
    assert "03 4" in listing.stdout and "Next:" in listing.stdout
    lesson = run(work, "exercises", "03")
    assert lesson.returncode == 0, lesson.stderr
    assert "Made your copy" in lesson.stdout
    assert (work / "03_serializers" / "manage.py").exists()
    assert (work / "03_serializers" / "db.sqlite3").exists()  # migrated and filled: ready to use
    statement = run(work, "exercises", *EXERCISE)
    assert find(*EXERCISE).title in statement.stdout and "articles/views.py" in statement.stdout


def test_unknown_lesson_or_exercise_is_one_line_and_exit_2(work):
    for args in (
        ("check", "42", "1"),
        ("check", "03", "99"),
        ("hint", "03", "x"),
        ("exercises", "nope"),
        ("restart", "03", "99"),
    ):
        result = run(work, *args)
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "Traceback" not in result.stderr


def test_hints_come_one_at_a_time_then_point_to_the_solution(work):
    exercise = find(*EXERCISE)
    first = run(work, "hint", *EXERCISE)
    assert f"Hint 1 of {len(exercise.hints)}" in first.stdout
    assert exercise.hints[0].splitlines()[0] in first.stdout
    for _ in range(len(exercise.hints)):
        last = run(work, "hint", *EXERCISE)
    assert f"Hint {len(exercise.hints)} of" in last.stdout and "solution" in last.stdout


def test_solution_warns_and_applies_only_when_confirmed(work):
    asked = run(work, "solution", *EXERCISE)  # no terminal to ask on: one line, nothing shown
    assert asked.returncode == 2 and asked.stderr.count("\n") == 1 and "--show" in asked.stderr
    assert "+++ " not in asked.stdout
    shown = run(work, "solution", *EXERCISE, "--show")
    assert shown.returncode == 0 and "+++ b/articles/views.py" in shown.stdout
    refused = run(work, "solution", *EXERCISE, "--apply")
    assert refused.returncode == 2 and "--yes" in refused.stderr


def test_check_fails_then_passes_progress_is_saved_and_restart_clears_it(work):
    views = work / "03_serializers" / "articles" / "views.py"
    failed = run(work, "check", *EXERCISE)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "NOT YET" in failed.stdout and "405 Method Not Allowed" in failed.stdout
    assert "Traceback" not in failed.stdout + failed.stderr

    applied = run(work, "solution", *EXERCISE, "--apply", "--yes")
    assert applied.returncode == 0, applied.stderr
    passed = run(work, "check", *EXERCISE)
    assert passed.returncode == 0, passed.stdout
    assert "PASSED" in passed.stdout
    assert '"03_serializers/4_partial_update"' in (work / "progress.json").read_text()
    assert "[x] 4." in run(work, "exercises", "03").stdout
    table = run(work, "progress").stdout
    assert any(line.startswith("03 ") and "1 / " in line for line in table.splitlines()), table

    refused = run(work, "restart", *EXERCISE)  # it replaces files: it asks, or needs --yes
    assert refused.returncode == 2 and "--yes" in refused.stderr
    restarted = run(work, "restart", *EXERCISE, "--yes")
    assert restarted.returncode == 0, restarted.stderr
    assert "Your versions of those files:" in restarted.stdout
    assert views.read_text() == (resolve("03").path / "articles" / "views.py").read_text()
    assert "03_serializers/4_partial_update" not in (work / "progress.json").read_text()

    whole = run(work, "restart", "03", "--yes")
    assert whole.returncode == 0 and (work / "03_serializers" / "manage.py").exists()


@pytest.mark.parametrize(
    "breakage,expected",
    [
        (("articles/views.py", "\ndef broken(:\n"), "articles/views.py, line"),
        (
            (
                "articles/models.py",
                "\nArticle.add_to_class('extra', __import__('django.db.models', "
                "fromlist=['x']).IntegerField(default=0))\n",
            ),
            "has no migration",
        ),
    ],
)
def test_a_broken_copy_gets_one_line(work, breakage, expected):
    run(work, "exercises", "03")
    path, text = breakage
    target = work / "03_serializers" / path
    target.write_text(target.read_text() + text)
    result = run(work, "check", *EXERCISE)
    assert result.returncode == 1
    lines = [line for line in result.stdout.splitlines() if "your copy does not run" in line]
    assert len(lines) == 1 and expected in lines[0], result.stdout
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize("moment", ["Waiting for a save", "Checking"])
def test_watch_stops_on_ctrl_c_and_leaves_nothing_running(work, moment):
    """Ctrl-C while waiting for a save, and in the middle of a check (its server starting)."""
    watcher = subprocess.Popen(
        [sys.executable, "-m", "course", "watch", *EXERCISE],
        cwd=ROOT,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "COURSE_WORK": str(work), "PYTHONUNBUFFERED": "1"},
        start_new_session=True,  # its own process group: what a terminal's Ctrl-C reaches
    )
    seen = []
    deadline = time.monotonic() + 120
    try:
        for line in watcher.stdout:
            seen.append(line)
            if moment in line or time.monotonic() > deadline:
                break
        if moment == "Checking":
            time.sleep(1)  # the copy is being prepared, its server starting
        else:
            assert any("NOT YET" in line for line in seen), "".join(seen)
        os.killpg(watcher.pid, signal.SIGINT)  # Ctrl-C in a terminal: the whole group
        rest = watcher.communicate(timeout=60)[0]
    finally:
        if watcher.poll() is None:
            watcher.kill()
    assert watcher.returncode == 0, "".join(seen) + rest
    assert "Stopped watching." in rest
    time.sleep(0.5)
    with pytest.raises(ProcessLookupError):
        os.killpg(watcher.pid, 0)  # no process of the group is left (no server, no check)


def test_lab_opens_the_work_copy_only_when_there_is_one(monkeypatch, tmp_path, capsys):
    from course.exercises import workspace

    monkeypatch.setattr(workspace, "WORK", tmp_path / "work")
    shipped = resolve("01")
    assert workspace.lab_stage(shipped) == shipped  # no copy yet: the shipped stage
    copy = workspace.work_copy(shipped)
    opened = workspace.lab_stage(shipped)
    assert opened.path == copy.path and "--pristine" in capsys.readouterr().out
    assert workspace.lab_stage(shipped, pristine=True) == shipped
    elsewhere = type(shipped)(shipped.name, tmp_path / "elsewhere")  # a folder named by its path
    assert workspace.lab_stage(elsewhere) == elsewhere
