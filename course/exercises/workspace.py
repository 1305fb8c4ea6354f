"""Where the learner works: ``work/<stage>/``, a copy of the stage, with an answers file per
predict exercise (``answers/<K>.txt``); ``lab_stage``: the copy or the shipped stage, whichever
``lab`` and ``serve`` act on. ``progress`` keeps ``work/progress.json``, ``restart`` starts work
over, ``patching`` applies a solution.

The shipped stages are never changed by learner work: ``course diff``, ``course test`` and the
stage diffs stay as the course wrote them. Both ``work/`` paths are git-ignored, so a ``git pull``
keeps them.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from ..diff import SKIP_DIRS
from ..database import prepare
from ..stages import ROOT, Stage, all_stages
from .catalog import Exercise, exercises_of, short

# The learner's folder; COURSE_WORK moves it (the course's own tests use a scratch one).
WORK = Path(os.environ.get("COURSE_WORK") or ROOT / "work")
ANSWERS = "answers"  # work/<stage>/answers/<K>.txt: the learner's predictions
# What a copy of a stage leaves out: databases, caches.
IGNORE = shutil.ignore_patterns(*SKIP_DIRS, "db.sqlite3*", "*.pyc", "*.log")


def work_path(stage: Stage) -> Path:
    return WORK / stage.name


def has_copy(stage: Stage) -> bool:
    return (work_path(stage) / "manage.py").exists()


def work_copy(stage: Stage, create: bool = True) -> Stage | None:
    """The learner's copy of ``stage`` (made on first use, migrated and filled with the stage's
    data so that ``manage.py`` commands work in it at once, with an answers file per predict
    exercise); None when there is none and ``create`` is false."""
    path = work_path(stage)
    if not has_copy(stage):
        if not create:
            return None
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(stage.path, path, ignore=IGNORE, dirs_exist_ok=True)
        prepare(Stage(stage.name, path))
    for exercise in exercises_of(stage):
        write_answer_template(exercise, path)
    return Stage(stage.name, path)


def answers_file(exercise: Exercise, folder: Path) -> Path:
    return folder / ANSWERS / f"{exercise.number}.txt"


def write_answer_template(exercise: Exercise, folder: Path, overwrite: bool = False) -> None:
    """``answers/<K>.txt`` with one ``key:`` line per prediction, for the learner to fill in."""
    keys = exercise.answer_keys
    target = answers_file(exercise, folder)
    if not keys or (target.exists() and not overwrite):
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        f"# Exercise {exercise.label}: {exercise.title}",
        f"# Write each prediction after its colon, then: python -m course check {exercise.label}",
    ]
    target.write_text("\n".join(lines + [f"{key}: " for key in keys]) + "\n", encoding="utf-8")


def read_answers(exercise: Exercise, folder: Path) -> dict[str, str]:
    """``key: value`` lines of ``answers/<K>.txt`` (comments and blank values left out)."""
    path = answers_file(exercise, folder)
    if not path.exists():
        return {}
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip().startswith("#") or ":" not in line:
            continue
        key, value = line.split(":", 1)
        if value.strip():
            found[key.strip()] = value.strip()
    return found


def shown_path(path) -> str:
    """``path`` as the learner reads it: from the course's root when it is inside it."""
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def lab_stage(stage, pristine: bool = False, command: str = "lab"):
    """What ``lab``, ``serve``, ``reset`` and ``client`` act on: the learner's copy in work/ when
    there is one (and they say so), unless ``pristine``."""
    shipped = any(stage.path == known.path for known in all_stages())  # not a folder given by path
    if pristine or not shipped or not has_copy(stage):
        if shipped and has_copy(stage):
            print(f"Using the shipped stage {shown_path(stage.path)}/ (--pristine).", flush=True)
        return stage
    path = work_path(stage)
    print(
        f"Using your exercise copy {shown_path(path)}/ (the shipped stage: "
        f"python -m course {command} {short(stage)} --pristine)",
        flush=True,
    )
    return Stage(stage.name, path)
