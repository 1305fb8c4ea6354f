"""Every solution of a lesson, applied in order to one copy: what a learner who solved them all
has, for the course's tests (each check passes, earlier ones still pass) and for instructors.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..stages import Stage
from .catalog import Exercise, exercises_of
from .patching import apply_patch


def solve_all(
    stage: Stage, copy: Path, after_each: Callable[[Exercise], None] | None = None
) -> list[Exercise]:
    """Apply the solutions of ``stage``'s exercises, 1, 2, ..., to ``copy`` (a copy of the
    shipped stage), each merged with what the ones before it changed; ``after_each(exercise)``
    runs after each. Returns the exercises applied. A solution that does not fit raises a one-line
    CourseError naming it."""
    from ..errors import CourseError

    applied = []
    for exercise in exercises_of(stage):
        try:
            apply_patch(exercise.patch, Path(copy), base=stage.path)
        except CourseError as error:
            raise CourseError(f"solution of {exercise.label}: {error}") from None
        applied.append(exercise)
        if after_each is not None:
            after_each(exercise)
    return applied
