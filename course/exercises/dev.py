"""Maintainer helpers for exercises: ``python -m course.exercises.dev COMMAND``.

``make-patch 03 2 [--from FOLDER]``
    Write ``exercises/03_serializers/<2_...>/solution.patch`` from a solved copy (default: the
    learner copy ``work/03_serializers/``): the unified diff of every file that differs from the
    shipped stage (databases, caches and notebooks left out; ``answers/<K>.txt`` kept when the
    exercise has predictions). Regenerate solutions this way after a stage's files change.
``try 03 2``
    Check the exercise on a scratch copy: once untouched (must fail), once with its solution
    (must pass); prints both results and the time each took.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from ..diff import unified
from ..errors import CourseError
from ..stages import ROOT
from . import workspace
from .patching import apply_patch
from .catalog import Exercise, find


def make_patch(exercise: Exercise, solved: Path) -> str:
    """The unified diff (``a/``, ``b/`` relative to the stage) from the shipped stage to ``solved``."""
    with tempfile.TemporaryDirectory(prefix="course-make-patch-") as tmp:
        left, right = Path(tmp) / "a", Path(tmp) / "b"
        shutil.copytree(exercise.stage.path, left, ignore=workspace.IGNORE)
        shutil.copytree(
            solved,
            right,
            ignore=shutil.ignore_patterns(
                workspace.ANSWERS,
                *["__pycache__", ".ipynb_checkpoints", "db.sqlite3*", "*.pyc", "*.log"],
            ),
        )
        mine = workspace.answers_file(exercise, solved)
        if (
            mine.exists() and exercise.answer_keys
        ):  # a prediction exercise's answers are its solution
            target = workspace.answers_file(exercise, right)
            target.parent.mkdir(parents=True)
            shutil.copyfile(mine, target)
        text = "".join(unified(left, right))  # the folders are named a and b
    if not text:
        raise CourseError(f"{solved} is the same as the shipped stage: nothing to write")
    return text


def try_exercise(exercise: Exercise) -> int:
    from .checking import run_check

    with tempfile.TemporaryDirectory(prefix="course-try-") as tmp:
        folder = Path(tmp) / exercise.stage.name
        shutil.copytree(exercise.stage.path, folder, ignore=workspace.IGNORE)
        before = run_check(exercise, folder)
        print(
            f"untouched: {'PASSED (wrong: it must fail)' if before.passed else 'fails, good'} "
            f"({before.seconds:.1f} s)"
        )
        for problem in before.problems:
            print(f"  - {problem}")
        apply_patch(exercise.patch, folder)
        after = run_check(exercise, folder)
        print(f"solved:    {'passes, good' if after.passed else 'FAILS'} ({after.seconds:.1f} s)")
        for problem in after.problems:
            print(f"  - {problem}")
    return 0 if (after.passed and not before.passed) else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course.exercises.dev")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("make-patch", help="write solution.patch from a solved copy")
    p.add_argument("stage")
    p.add_argument("number")
    p.add_argument("--from", dest="source", help="the solved copy (default: work/<stage>/)")
    p.add_argument("--stdout", action="store_true", help="print it instead of writing the file")
    p = sub.add_parser("try", help="check an exercise untouched, then solved")
    p.add_argument("stage")
    p.add_argument("number")
    args = parser.parse_args(argv)
    try:
        exercise = find(args.stage, args.number)
        if args.command == "try":
            return try_exercise(exercise)
        source = Path(args.source) if args.source else workspace.work_path(exercise.stage)
        if not (source / "manage.py").exists():
            raise CourseError(f"no solved copy at {source}")
        text = make_patch(exercise, source)
        if args.stdout:
            sys.stdout.write(text)
        else:
            exercise.patch_path.write_text(text, encoding="utf-8", newline="\n")
            print(f"wrote {exercise.patch_path.relative_to(ROOT)}")
        return 0
    except CourseError as error:
        print(f"course: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
