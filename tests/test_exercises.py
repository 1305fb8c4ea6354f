"""Every exercise under exercises/ is proven: its check can fail, its solution applies and passes,
the stage's own tests still pass after it (except those it is meant to change), the solutions of a
lesson applied in order leave every check passing, and its statement and hints render.

One copy and one workbench per lesson, as ``watch`` checks, so the lessons run in parallel under
pytest-xdist (`pytest tests/test_exercises.py -n 2`); the check runs the stage tests an exercise
can affect.
"""

from __future__ import annotations

import re
import shutil

import pytest

from course.errors import CourseError
from course.exercises import all_exercises
from course.exercises.catalog import KINDS, exercises_of
from course.exercises.checking import run_check
from course.exercises.patching import apply_patch
from course.exercises.solve import solve_all
from course.exercises.workbench import Workbench
from course.exercises.workspace import IGNORE
from course.stages import all_stages

EXERCISES = all_exercises()
IDS = [exercise.key for exercise in EXERCISES]
# The last lessons first: theirs are the longest walks (more tests in the stage, more sign-ups in
# the checks), and starting them first lets the two workers finish together.
LESSONS = [stage for stage in reversed(all_stages()) if exercises_of(stage)]
# A check that fails with one of these did not get as far as the exercise.
NOT_RUN = ("your copy does not run", "the check stopped")


@pytest.mark.parametrize("stage", LESSONS, ids=lambda stage: stage.name)
def test_each_check_fails_untouched_passes_after_its_solution_in_order_and_at_the_end(
    stage, tmp_path
):
    """What a learner who solves the lesson in order meets, on one copy checked as ``watch``
    checks it (one workbench: prepared once, then only what changed):

    1. on the untouched copy every check of the lesson fails, and for a reason of its own (not
       "your copy does not run" or "the check stopped"); every solution applies to an untouched
       copy;
    2. the solutions applied in order (each merged with the ones before it), each check passes
       right after its own: the stage's own tests passed with it (``CHANGES_TESTS`` left out;
       course/tests/test_learner_loop.py proves a broken stage test fails a check);
    3. after the last solution every check of the lesson still passes.

    In 1 and 3 each check after the first takes the processes ``watch`` starts in advance
    (``warm_up``), so every exercise's check also passes through them.
    """
    copy = tmp_path / stage.name
    shutil.copytree(stage.path, copy, ignore=IGNORE)
    wrong: list[str] = []
    bench = Workbench(stage.name)

    def check(exercise, warm=True, stage_tests=True):
        result = run_check(exercise, copy, bench, stage_tests)
        if warm:  # as watch does while the learner edits: the next check takes them
            bench.warm_up()
        return result

    def passes(exercise, when, warm=True):
        result = check(exercise, warm)
        if not result.passed:
            wrong.append(f"{exercise.key}: the check fails {when}: {result.problems}")

    try:
        for exercise in exercises_of(stage):
            # The stage's tests count only in a check that passes: these must all fail.
            untouched = check(exercise, stage_tests=False)
            if untouched.passed:
                wrong.append(f"{exercise.key}: the check passes on an untouched copy")
            elif any(reason in p for p in untouched.problems for reason in NOT_RUN):
                wrong.append(
                    f"{exercise.key}: fails untouched, not for the exercise: {untouched.problems}"
                )
            alone = tmp_path / "alone" / exercise.key
            shutil.copytree(stage.path, alone, ignore=IGNORE)
            try:
                apply_patch(exercise.patch, alone)
            except CourseError as error:
                wrong.append(
                    f"{exercise.key}: the solution does not apply to an untouched copy: {error}"
                )
        # No processes started in advance here: each solution changes code they would have
        # loaded, so the next check could not use them (course/tests/test_warm.py proves that).
        solved = solve_all(
            stage, copy, after_each=lambda e: passes(e, "after the solution", warm=False)
        )
        for exercise in solved:
            passes(exercise, f"after every solution of {stage.name}")
    finally:
        bench.close()
    assert not wrong, "\n".join(wrong)


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
