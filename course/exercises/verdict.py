"""``check``: an exercise's check run on the learner's copy, a pass recorded, the verdict
printed.
"""

from __future__ import annotations

from . import workspace
from .catalog import Exercise, exercises_of, find
from .listing import next_open
from .progress import is_passed, mark_passed
from .workspace import shown_path


def _print_result(result, before_passed: bool) -> None:
    exercise = result.exercise
    if result.passed:
        print(f"PASSED  {exercise.label}: {exercise.title}  ({result.seconds:.1f} s)")
        return
    print(f"NOT YET {exercise.label}: {exercise.title}  ({result.seconds:.1f} s)")
    for problem in result.problems:
        print(f"  - {problem}")
    print(f"Hint: python -m course hint {exercise.label}")
    if before_passed:
        print(
            "(You passed this exercise before; it stays passed. "
            f"python -m course restart {exercise.label} starts it over.)"
        )


def check_once(exercise: Exercise, bench=None) -> bool:
    from .checking import run_check

    copy = workspace.work_copy(exercise.stage)
    before = is_passed(exercise)
    print(f"Checking {exercise.label} in {shown_path(copy.path)}/ ...", flush=True)
    result = run_check(exercise, copy.path, bench)
    if result.passed:
        mark_passed(exercise)
    _print_result(result, before)
    return result.passed


def cmd_check(args) -> int:
    exercise = find(args.stage, args.number)
    passed = check_once(exercise)
    if passed:
        upcoming = next_open(exercises_of(exercise.stage))
        if upcoming is not None:
            print(f"Next: python -m course exercises {upcoming.label}")
    return 0 if passed else 1
