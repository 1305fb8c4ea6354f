"""Every exercise under exercises/ is proven: its check can fail, its solution applies and passes,
the stage's own tests still pass after it (except those it is meant to change), and its statement
and hints render.

One copy of the stage per exercise, so the exercises run in parallel under pytest-xdist
(`pytest tests/test_exercises.py -n 2`); the check runs the stage tests an exercise can affect.
"""

from __future__ import annotations

import re
import shutil

import pytest

from course.exercises import all_exercises
from course.exercises.catalog import KINDS
from course.exercises.checking import run_check
from course.exercises.workbench import Workbench
from course.exercises.workspace import IGNORE
from course.exercises.patching import apply_patch

EXERCISES = all_exercises()
IDS = [exercise.key for exercise in EXERCISES]


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
def test_check_fails_untouched_then_the_solution_passes_and_keeps_the_stage_tests(
    exercise, tmp_path
):
    copy = tmp_path / exercise.stage.name
    shutil.copytree(exercise.stage.path, copy, ignore=IGNORE)
    # As `watch` checks: the first check prepares the copy, the second takes only what changed.
    bench = Workbench(exercise.stage.name)
    try:
        untouched = run_check(exercise, copy, bench)
        assert not untouched.passed, f"{exercise.key}: the check passes on an untouched copy"
        assert not any(
            "your copy does not run" in p or "the check stopped" in p for p in untouched.problems
        ), untouched.problems  # it fails for the right reason

        bench.warm_up()  # as watch does while the learner edits
        apply_patch(exercise.patch, copy)
        # A check that passes has run the stage's own tests too (CHANGES_TESTS left out), and
        # they passed: course/tests/test_learner_loop.py proves a broken stage test fails it.
        solved = run_check(exercise, copy, bench)
    finally:
        bench.close()
    assert solved.passed, f"{exercise.key}: the check fails after the solution: {solved.problems}"


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
def test_statement_hints_and_declarations(exercise):
    assert exercise.readme.startswith("# "), "README.md starts with '# Title'"
    assert len(exercise.statement.split()) >= 30, "the statement says what to do and why"
    assert re.search(r"^Edit: `", exercise.readme, re.M), "README names the files: 'Edit: `...`'"
    for path in exercise.edit:
        assert f"`{path}`" in exercise.readme, f"README's Edit line names {path}"
    assert len(exercise.hints) >= 2, "hints.md has ## Hint 1, ## Hint 2, ..."
    assert exercise.kind in KINDS
    assert exercise.patched_files, "solution.patch changes at least one file"
    for label in exercise.changes_tests:
        assert label.startswith("articles.tests."), label
    if exercise.kind in ("predict", "break"):
        assert exercise.answer_keys, "a predict/break exercise lists its ANSWERS"
        for key in exercise.answer_keys:
            assert re.search(rf"`{key}\b|^{key}:", exercise.readme, re.M), (
                f"README tells the learner the key {key!r}"
            )


def test_every_lesson_numbers_its_exercises_from_one():
    by_stage = {}
    for exercise in EXERCISES:
        by_stage.setdefault(exercise.stage.name, []).append(exercise.number)
    for stage, numbers in by_stage.items():
        assert numbers == list(range(1, len(numbers) + 1)), f"{stage}: {numbers}"
