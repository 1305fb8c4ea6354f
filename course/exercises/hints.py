"""``hint`` and ``solution``: the help a learner asks for, the hints first, then the reference
solution.
"""

from __future__ import annotations

import sys

from ..commands.guard import confirm
from ..errors import CourseError
from . import workspace
from .catalog import find
from .patching import apply_patch
from .progress import next_hint
from .workspace import shown_path


def cmd_hint(args) -> int:
    exercise = find(args.stage, args.number)
    workspace.work_copy(exercise.stage)
    hints = exercise.hints
    if not hints:
        raise CourseError(f"exercise {exercise.label} has no hints")
    if args.all:
        seen = len(hints)
        next_hint(exercise)
    else:
        seen = next_hint(exercise)
    for number in range(1, seen + 1) if args.all else [seen]:
        print(f"Hint {number} of {len(hints)} ({exercise.label}: {exercise.title})\n")
        print(hints[number - 1] + "\n")
    if seen >= len(hints):
        print(f"That was the last hint. The solution: python -m course solution {exercise.label}")
    else:
        print(f"More: python -m course hint {exercise.label}")
    return 0


def cmd_solution(args) -> int:
    exercise = find(args.stage, args.number)
    if not args.apply:
        if not confirm(
            f"The reference solution of {exercise.label} ({exercise.title}). Reading it before "
            f"trying takes the exercise away: the hints come first (python -m course hint "
            f"{exercise.label}). Show it now?",
            f"solution prints the answer of {exercise.label}: add --show to print it "
            f"(the hints first: python -m course hint {exercise.label})",
            args.show,
        ):
            print("Nothing shown.")
            return 0
        print(f"The reference solution of {exercise.label} ({exercise.title}):\n", flush=True)
        sys.stdout.write(exercise.patch)
        print(f"\nApply it to your copy: python -m course solution {exercise.label} --apply")
        return 0
    copy = workspace.work_copy(exercise.stage)
    if not confirm(
        f"Apply the reference solution of {exercise.label} to {shown_path(copy.path)}/?",
        f"--apply changes {shown_path(copy.path)}/: add --yes to confirm",
        args.yes,
    ):
        print("Nothing changed.")
        return 0
    try:
        apply_patch(exercise.patch, copy.path, base=exercise.stage.path)
    except CourseError as error:
        raise CourseError(
            f"{error}; start it over first: python -m course restart {exercise.label}"
        ) from None
    print(f"Applied to {shown_path(copy.path)}/: " + ", ".join(exercise.patched_files))
    print(f"Check it: python -m course check {exercise.label}")
    return 0
