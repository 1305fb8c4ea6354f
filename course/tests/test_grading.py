"""Grading for instructors: ``course grade`` of a learner's copies (table, JSON, JUnit XML), ``course
submit`` then ``course grade submissions/`` over a class, and ``course lab 03 --solved``.

Every command runs as a subprocess with ``COURSE_WORK`` set to a scratch folder, so no one's own
``work/`` is touched. The checks are the exercises' real checks against real servers.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import requests

from course.exercises.catalog import exercises_of
from course.exercises.patching import apply_patch
from course.processes import free_port, interrupt, own_group, port_busy, wait_until_answers
from course.stages import resolve

from .conftest import AS_ROOT, ROOT, course
from .test_lab_loop import poll


def in_work(work: Path, *args, timeout=600):
    proc = course(*args, timeout=timeout, env={"COURSE_WORK": str(work)})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def copy_with(work: Path, lesson: str, solved: list[int]) -> Path:
    """A learner's copy of ``lesson`` (``course exercises``) with those exercises' solutions."""
    in_work(work, "exercises", lesson)
    stage = resolve(lesson)
    copy = work / stage.name
    for exercise in exercises_of(stage):
        if exercise.number in solved:
            apply_patch(exercise.patch, copy)
    return copy


def test_grade_shows_two_solved_and_one_wrong_in_the_table_json_and_junit(tmp_path):
    work = tmp_path / "work"
    stage = resolve("03")
    found = exercises_of(stage)
    wrong = next(e for e in found[2:] if e.answer_keys)  # a prediction, answered wrongly
    copy = copy_with(work, "03", solved=[1, 2])
    (copy / "answers" / f"{wrong.number}.txt").write_text(
        "".join(f"{key}: 418\n" for key in wrong.answer_keys), encoding="utf-8"
    )
    expected = {e.path.name: e.number in (1, 2) for e in found}

    out = in_work(work, "grade", "--out", str(tmp_path / "reports")).stdout
    table = {
        line.split()[1]: line.split()[2] for line in out.splitlines() if line.startswith(stage.name)
    }
    assert table == {name: "yes" if ok else "no" for name, ok in expected.items()}, out
    assert any(
        line.startswith("total") and line.split()[-1] == f"2/{len(found)}"
        for line in out.splitlines()
    ), out

    data = json.loads((tmp_path / "reports" / "grade.json").read_text(encoding="utf-8"))
    assert {e["exercise"]: e["passed"] for e in data["exercises"]} == expected
    assert (data["points"], data["possible"]) == (2, len(found))
    by_name = {e["exercise"]: e for e in data["exercises"]}
    assert any("418" in problem for problem in by_name[wrong.path.name]["problems"])

    suite = ET.parse(tmp_path / "reports" / "grade.xml").getroot().find("testsuite")
    assert suite.get("name") == stage.name and suite.get("failures") == str(len(found) - 2)
    cases = {case.get("name"): case.find("failure") is None for case in suite.iter("testcase")}
    assert cases == expected
    failure = next(c for c in suite.iter("testcase") if c.get("name") == wrong.path.name).find(
        "failure"
    )
    assert "418" in failure.get("message")


def submit(work: Path, name: str, out: Path) -> Path:
    in_work(work, "submit", "--name", name, "--out", str(out))
    return out / f"submission-{name}.json"


def test_grade_submissions_gives_one_row_per_file_with_verdicts_and_reasons(tmp_path):
    every = [e.number for e in exercises_of(resolve("01"))]
    keys = [e.key for e in exercises_of(resolve("01"))]
    handed_in = tmp_path / "submissions"
    # alice and bob hand in the same solved copy (solved once); dave's file is theirs, spoiled.
    solved = tmp_path / "work-solved"
    copy_with(solved, "01", every)
    alice = submit(solved, "alice", handed_in)
    submit(solved, "bob", handed_in)
    carols = tmp_path / "work-carol"
    copy_with(carols, "01", [1, 3])
    # A progress file that says everything passed: the grader must not believe it.
    (carols / "progress.json").write_text(
        json.dumps({key: {"passed": "2026-01-01T00:00:00Z"} for key in keys}), encoding="utf-8"
    )
    carol_file = submit(carols, "carol", handed_in)
    # Made from another version of the course: graded all the same, since her patch applies.
    carols_data = json.loads(carol_file.read_text(encoding="utf-8"))
    carols_data["copies"]["01_http_uri"]["base"] = "made-from-an-older-course"
    carol_file.write_text(json.dumps(carols_data), encoding="utf-8")
    data = json.loads(alice.read_text(encoding="utf-8"))
    data["learner"] = "dave"
    patch = data["copies"]["01_http_uri"]["patch"]
    context = next(line for line in patch.splitlines() if line.startswith(" ") and line.strip())
    data["copies"]["01_http_uri"]["patch"] = patch.replace(context, " # not in the shipped file")
    (handed_in / "submission-dave.json").write_text(json.dumps(data), encoding="utf-8")
    (handed_in / "notes.txt").write_text("see you on Monday\n", encoding="utf-8")

    out = in_work(tmp_path / "work", "grade", str(handed_in), "--limit", "240").stdout
    with (tmp_path / "grades.csv").open(encoding="utf-8") as handle:
        rows = {row["file"]: row for row in csv.DictReader(handle)}
    assert len(rows) == 5, out
    for name in ("alice", "bob"):
        row = rows[f"submission-{name}.json"]
        assert [row[k] for k in keys] == ["1"] * len(keys), row
        assert row["points"] == row["possible"] == str(len(keys))
    # bob's copy is alice's: checked once, and the instructor is told.
    assert rows["submission-alice.json"]["reason"] == ""
    assert rows["submission-bob.json"]["reason"] == (
        "01_http_uri: the same copy as submission-alice.json (checked once)"
    )
    carol = rows["submission-carol.json"]
    assert [carol[k] for k in keys] == ["1" if n in (1, 3) else "0" for n in every], carol
    assert carol["points"] == "2"  # what her progress file claims is not what counts
    assert carol["reason"] == "01_http_uri: made from another version of the course (applied)"
    assert [rows["submission-dave.json"][k] for k in keys] == [""] * len(keys)
    assert "patch does not apply" in rows["submission-dave.json"]["reason"]
    assert "not a submission" in rows["notes.txt"]["reason"]
    assert rows["notes.txt"]["points"] == "0"
    page = (tmp_path / "grades.html").read_text(encoding="utf-8")
    for text in ("alice", "bob", "carol", "dave", "notes.txt", "patch does not apply"):
        assert text in page


def test_lab_solved_serves_every_solution_and_leaves_the_learners_copy(tmp_path):
    work = tmp_path / "work"
    mine = copy_with(work, "03", solved=[])
    before = (mine / "articles" / "serializers.py").read_text(encoding="utf-8")
    port, jupyter_port = free_port(), free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "course", "lab", "03", "--solved", "--port", str(port)]
        + ["--no-browser", "--", f"--port={jupyter_port}", *AS_ROOT],
        cwd=ROOT,
        env={**os.environ, "COURSE_WORK": str(work)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        **own_group(),
    )
    try:
        url = f"http://127.0.0.1:{port}/api/v1/articles/"
        wait_until_answers(url, timeout=120)
        # Exercise 2's solution: a title of digits only is refused; the shipped stage creates it.
        response = requests.post(url, json={"title": "2024", "content": "digits"}, timeout=10)
        assert response.status_code == requests.codes.bad_request, response.text
        assert "title" in response.json()
    finally:
        interrupt(proc)
        out, _ = proc.communicate(timeout=60)
    assert str(work / "solved" / "03_serializers") in out
    assert poll(lambda: not port_busy(port)), "lab's server outlived it"
    assert (mine / "articles" / "serializers.py").read_text(encoding="utf-8") == before


def test_a_submission_is_refused_with_its_reason(tmp_path):
    from course.grading import submit

    def load(data) -> str:
        path = tmp_path / "s.json"
        path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
        try:
            submit.load(path)
        except submit.NotASubmission as error:
            return str(error)
        return ""

    head = {"format": submit.FORMAT, "version": submit.VERSION}
    escape = "--- a/../../x.py\n+++ b/../../x.py\n@@ -1 +1 @@\n-a\n+b\n"
    assert "not JSON" in load("{oops")
    assert "no course submission header" in load({"copies": {}})
    assert "another version of the course" in load({**head, "version": 99})
    assert "'copies'" in load({**head, "copies": {"01_http_uri": "text"}})
    assert "outside it" in load({**head, "copies": {"01_http_uri": {"base": "", "patch": escape}}})
    assert load({**head, "copies": {"01_http_uri": {"base": "", "patch": ""}}}) == ""


def test_points_live_with_the_exercise_and_default_to_one(tmp_path):
    from course.exercises.catalog import Exercise
    from course.grading.grade import outcome

    worth, plain = tmp_path / "1_worth_three", tmp_path / "2_plain"
    for folder, text in ((worth, "POINTS = 3\n"), (plain, "")):
        folder.mkdir()
        (folder / "check.py").write_text(text + "def check(c):\n    pass\n", encoding="utf-8")
        (folder / "README.md").write_text("# A title\n", encoding="utf-8")
    stage = resolve("03")
    assert Exercise(stage, 1, worth).points == 3
    assert Exercise(stage, 2, plain).points == 1
    passed, failed = (
        outcome(Exercise(stage, 1, worth), [], 1.0),
        outcome(Exercise(stage, 1, worth), ["no"], 1.0),
    )
    assert (passed.points, passed.possible) == (3, 3)
    assert (failed.points, failed.possible) == (0, 3)


def test_a_check_over_its_time_limit_is_stopped_with_everything_it_started():
    import psutil

    from course.grading.grade import check_contained

    def running():  # this worker may have servers of its own fixtures: count only new ones
        return {p for p in psutil.Process().children(recursive=True) if p.is_running()}

    before = running()
    stage = resolve("01")
    result = check_contained(exercises_of(stage)[0], stage.path, limit=0.5)
    assert any("took longer than 0.5 s and was stopped" in p for p in result.problems), result
    assert not running() - before
