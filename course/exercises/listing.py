"""``exercises`` and ``progress``: what there is to do, what is done, and what comes next."""

from __future__ import annotations

from ..errors import CourseError
from ..stages import all_stages, resolve
from . import workspace
from .catalog import Exercise, all_exercises, exercises_of, find, short
from .progress import is_passed
from .workspace import shown_path


def _mark(exercise: Exercise) -> str:
    return "[x]" if is_passed(exercise) else "[ ]"


def next_open(exercises: list[Exercise]) -> Exercise | None:
    return next((e for e in exercises if not is_passed(e)), None)


def cmd_exercises(args) -> int:
    if args.stage is None:
        found = all_exercises()
        if not found:
            print("no exercises yet")
            return 0
        for stage in all_stages():
            mine = exercises_of(stage)
            if not mine:
                continue
            done = sum(is_passed(e) for e in mine)
            print(f"{stage.title}  ({done}/{len(mine)} done)")
            for exercise in mine:
                print(
                    f"  {_mark(exercise)} {exercise.label:<10} {exercise.title}  ({exercise.kind})"
                )
        upcoming = next_open(found)
        if upcoming is None:
            print("\nEvery exercise passed. Well done!")
        else:
            print(
                f"\nNext: {upcoming.label} {upcoming.title}\n"
                f"  python -m course exercises {upcoming.label}   (read it)\n"
                f"  python -m course check {upcoming.label}       (check it)"
            )
        return 0

    stage = resolve(args.stage)
    mine = exercises_of(stage)
    if not mine:
        raise CourseError(f"{stage.name} has no exercises yet")
    had_copy = workspace.has_copy(stage)
    copy = workspace.work_copy(stage)
    if args.number is not None:
        exercise = find(stage.name, args.number)
        print(
            f"# {exercise.title}   [{exercise.label}, {exercise.kind}, "
            f"{'passed' if is_passed(exercise) else 'not passed yet'}]\n"
        )
        print(exercise.statement)
        print(
            f"Your copy: {shown_path(copy.path)}/  (edit there: "
            + ", ".join(f"{shown_path(copy.path / p)}" for p in exercise.edit)
            + ")"
        )
        if exercise.answer_keys:
            print(f"Predictions: {shown_path(workspace.answers_file(exercise, copy.path))}")
        print(
            f"Check: python -m course check {exercise.label}   "
            f"Hint: python -m course hint {exercise.label}"
        )
        return 0
    if not had_copy:
        print(
            f"Made your copy of {stage.name}: {shown_path(copy.path)}/ (the shipped stage stays as it is)\n"
        )
    print(f"{stage.title}: exercises  (your copy: {shown_path(copy.path)}/)")
    for exercise in mine:
        edits = ", ".join(exercise.edit) or "-"
        print(
            f"  {_mark(exercise)} {exercise.number}. {exercise.title}  ({exercise.kind}; edit: {edits})"
        )
    upcoming = next_open(mine)
    if upcoming:
        print(
            f"\nNext: python -m course exercises {upcoming.label}   (the statement)\n"
            f"      python -m course check {upcoming.label}       (check your work)"
        )
    else:
        print("\nAll done in this lesson.")
    return 0


def cmd_progress(args) -> int:
    rows = []
    for stage in all_stages():
        mine = exercises_of(stage)
        if mine:
            done = sum(is_passed(e) for e in mine)
            rows.append((short(stage), stage.title, f"{done} / {len(mine)}"))
    if not rows:
        print("no exercises yet")
        return 0
    width = max(len(r[1]) for r in rows)
    print(f"{'lesson':<8} {'title':<{width}}  done / total")
    for name, title, score in rows:
        print(f"{name:<8} {title:<{width}}  {score}")
    total = sum(len(exercises_of(s)) for s in all_stages())
    done = sum(is_passed(e) for e in all_exercises())
    print(f"{'all':<8} {'':<{width}}  {done} / {total}")
    return 0
