"""The solved state of a lesson, for an instructor's demo: ``course lab 03 --solved`` (and ``serve``).

A fresh copy of the shipped stage in ``work/solved/<stage>/`` with every exercise's reference
solution applied, in the order of the lesson. It is made again each time, so it always matches the
shipped solutions, and it is never the learner's own copy (``work/<stage>/``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .errors import CourseError
from .exercises import workspace
from .exercises.solve import solve_all
from .exercises.catalog import exercises_of
from .stages import Stage, all_stages


def solved_path(stage: Stage) -> Path:
    return workspace.WORK / "solved" / stage.name


def apply_all(stage: Stage, folder: Path) -> int:
    """Apply every solution of ``stage`` to ``folder``, in order (each merged with the ones before
    it, as ``solve_all`` does for the learner-loop test); how many were applied."""
    return len(solve_all(stage, folder))


def solved_stage(stage: Stage) -> Stage:
    """A new solved copy of the shipped stage named like ``stage`` (which may be a learner's copy:
    the solved state is always made from what the course ships)."""
    stage = next((s for s in all_stages() if s.name == stage.name), stage)
    if not exercises_of(stage):
        raise CourseError(f"{stage.name} has no exercises, so no solved state")
    folder = solved_path(stage)
    if folder.exists():
        shutil.rmtree(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(stage.path, folder, ignore=workspace.IGNORE)
    count = apply_all(stage, folder)
    print(
        f"Opening {folder}: {stage.name} with the reference solutions of its {count} exercises "
        "applied (made fresh; your own copy is untouched)",
        flush=True,
    )
    return Stage(stage.name, folder)
