"""The exercise commands of ``python -m course``: exercises, check, hint, solution, watch, progress,
restart. ``course.cli`` adds them with ``add_commands``.
"""

from __future__ import annotations

import sys
import time

from ..commands.guard import confirm
from ..errors import CourseError
from ..stages import ROOT, all_stages, resolve
from . import workspace
from .catalog import Exercise, all_exercises, exercises_of, find, short


def _rel(path) -> str:
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def _mark(exercise: Exercise) -> str:
    return "[x]" if workspace.is_passed(exercise) else "[ ]"


def _next(exercises: list[Exercise]) -> Exercise | None:
    return next((e for e in exercises if not workspace.is_passed(e)), None)


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
            done = sum(workspace.is_passed(e) for e in mine)
            print(f"{stage.title}  ({done}/{len(mine)} done)")
            for exercise in mine:
                print(
                    f"  {_mark(exercise)} {exercise.label:<10} {exercise.title}  ({exercise.kind})"
                )
        upcoming = _next(found)
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
            f"{'passed' if workspace.is_passed(exercise) else 'not passed yet'}]\n"
        )
        print(exercise.statement)
        print(
            f"Your copy: {_rel(copy.path)}/  (edit there: "
            + ", ".join(f"{_rel(copy.path / p)}" for p in exercise.edit)
            + ")"
        )
        if exercise.answer_keys:
            print(f"Predictions: {_rel(workspace.answers_file(exercise, copy.path))}")
        print(
            f"Check: python -m course check {exercise.label}   "
            f"Hint: python -m course hint {exercise.label}"
        )
        return 0
    if not had_copy:
        print(
            f"Made your copy of {stage.name}: {_rel(copy.path)}/ (the shipped stage stays as it is)\n"
        )
    print(f"{stage.title}: exercises  (your copy: {_rel(copy.path)}/)")
    for exercise in mine:
        edits = ", ".join(exercise.edit) or "-"
        print(
            f"  {_mark(exercise)} {exercise.number}. {exercise.title}  ({exercise.kind}; edit: {edits})"
        )
    upcoming = _next(mine)
    if upcoming:
        print(
            f"\nNext: python -m course exercises {upcoming.label}   (the statement)\n"
            f"      python -m course check {upcoming.label}       (check your work)"
        )
    else:
        print("\nAll done in this lesson.")
    return 0


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
    before = workspace.is_passed(exercise)
    print(f"Checking {exercise.label} in {_rel(copy.path)}/ ...", flush=True)
    result = run_check(exercise, copy.path, bench)
    if result.passed:
        workspace.mark_passed(exercise)
    _print_result(result, before)
    return result.passed


def cmd_check(args) -> int:
    exercise = find(args.stage, args.number)
    passed = check_once(exercise)
    if passed:
        upcoming = _next(exercises_of(exercise.stage))
        if upcoming is not None:
            print(f"Next: python -m course exercises {upcoming.label}")
    return 0 if passed else 1


def cmd_hint(args) -> int:
    exercise = find(args.stage, args.number)
    workspace.work_copy(exercise.stage)
    hints = exercise.hints
    if not hints:
        raise CourseError(f"exercise {exercise.label} has no hints")
    if args.all:
        seen = len(hints)
        workspace.next_hint(exercise)
    else:
        seen = workspace.next_hint(exercise)
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
        f"Apply the reference solution of {exercise.label} to {_rel(copy.path)}/?",
        f"--apply changes {_rel(copy.path)}/: add --yes to confirm",
        args.yes,
    ):
        print("Nothing changed.")
        return 0
    try:
        workspace.apply_patch(exercise.patch, copy.path, base=exercise.stage.path)
    except CourseError as error:
        raise CourseError(
            f"{error}; start it over first: python -m course restart {exercise.label}"
        ) from None
    print(f"Applied to {_rel(copy.path)}/: " + ", ".join(exercise.patched_files))
    print(f"Check it: python -m course check {exercise.label}")
    return 0


def cmd_progress(args) -> int:
    rows = []
    for stage in all_stages():
        mine = exercises_of(stage)
        if mine:
            done = sum(workspace.is_passed(e) for e in mine)
            rows.append((short(stage), stage.title, f"{done} / {len(mine)}"))
    if not rows:
        print("no exercises yet")
        return 0
    width = max(len(r[1]) for r in rows)
    print(f"{'lesson':<8} {'title':<{width}}  done / total")
    for name, title, score in rows:
        print(f"{name:<8} {title:<{width}}  {score}")
    total = sum(len(exercises_of(s)) for s in all_stages())
    done = sum(workspace.is_passed(e) for e in all_exercises())
    print(f"{'all':<8} {'':<{width}}  {done} / {total}")
    return 0


def cmd_restart(args) -> int:
    stage = resolve(args.stage)
    if args.number is not None:
        exercise = find(stage.name, args.number)
        if not workspace.has_copy(stage):
            workspace.forget(exercise)
            print(f"You have no copy of {stage.name} yet: nothing to start over.")
            return 0
        files = workspace.files_to_restore(exercise)
        if files and not confirm(
            f"Put back as shipped: {', '.join(files)} (your versions are kept in "
            f"{_rel(workspace.WORK / 'backups')}/), and clear {exercise.label}'s progress?",
            f"restart {exercise.label} replaces {', '.join(files)} in your copy: add --yes to "
            "confirm (your versions are kept in a backup folder)",
            args.yes,
        ):
            print("Nothing changed.")
            return 0
        restored, backup = workspace.restart_exercise(exercise)
        print(
            f"Exercise {exercise.label} starts over: "
            + (", ".join(restored) or "no file")
            + " as shipped; its progress cleared."
        )
        if backup is not None:
            print(f"Your versions of those files: {_rel(backup)}/")
        return 0
    path = workspace.work_path(stage)
    if path.exists() and not confirm(
        f"Delete {_rel(path)}/ and your progress in {stage.name}?",
        f"restart deletes your copy {_rel(path)}/: add --yes to confirm",
        args.yes,
    ):
        print("Nothing changed.")
        return 0
    workspace.restart_stage(stage)
    workspace.work_copy(stage)
    print(f"{stage.name} starts over: a fresh copy in {_rel(path)}/, its progress cleared.")
    return 0


def cmd_watch(args) -> int:
    """Check the current exercise, then again on every save, until the lesson is done or Ctrl-C."""
    stage = resolve(args.stage)
    mine = exercises_of(stage)
    if not mine:
        raise CourseError(f"{stage.name} has no exercises yet")
    current = find(stage.name, args.number) if args.number is not None else _next(mine)
    if current is None:
        print(
            f"Every exercise of {stage.name} passed. (python -m course restart {short(stage)} K "
            "to do one again)"
        )
        return 0
    from .workbench import Workbench

    copy = workspace.work_copy(stage)
    print(f"Watching {_rel(copy.path)}/ (Ctrl-C stops).", flush=True)
    bench = Workbench(stage.name)  # the prepared copy and its server, kept between checks
    try:
        while current is not None:
            if check_once(current, bench):
                following = [
                    e for e in mine if e.number > current.number and not workspace.is_passed(e)
                ]
                current = following[0] if following else None
                if current is not None:
                    print(
                        f"\nNow exercise {current.label}: {current.title}\n"
                        f"  python -m course exercises {current.label}",
                        flush=True,
                    )
                    continue
                print(f"\nEvery exercise of {stage.name} after this one passed.")
                return 0
            print("\nWaiting for a save ...", flush=True)
            _wait_for_change(copy.path)
    except KeyboardInterrupt:
        print("\nStopped watching.", flush=True)
        return 0
    finally:
        bench.close()
    return 0


def _wait_for_change(folder) -> None:
    """Return after the next save of a file that matters (not the database or caches)."""

    def matters(change, path: str) -> bool:
        name = path.replace("\\", "/")
        return not any(
            part in name
            for part in ("/__pycache__/", "db.sqlite3", ".ipynb_checkpoints", "/.", ".log")
        )

    try:
        from watchfiles import watch
    except ImportError:  # polling, when watchfiles is not installed
        before = _snapshot(folder)
        while _snapshot(folder) == before:
            time.sleep(0.5)
        return
    for _changes in watch(folder, watch_filter=matters, debounce=300, raise_interrupt=True):
        return


def _snapshot(folder):
    return {
        str(p): p.stat().st_mtime
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and not p.name.startswith("db.sqlite3")
    }


def add_commands(sub) -> None:
    """Add the exercise commands to ``python -m course``'s subparsers."""
    p = sub.add_parser(
        "exercises",
        help="the exercises: every lesson, or one lesson (makes your copy)",
        description="List the exercises and what is done. With a lesson, make your "
        "copy of it in work/ (first time) and list its exercises; with a number too, "
        "show that exercise's statement.",
    )
    p.add_argument("stage", nargs="?")
    p.add_argument("number", nargs="?")
    p.set_defaults(func=cmd_exercises)

    p = sub.add_parser(
        "check", help="check exercise K of a lesson in your copy: pass, or what is wrong"
    )
    p.add_argument("stage")
    p.add_argument("number")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("hint", help="the next hint of an exercise")
    p.add_argument("stage")
    p.add_argument("number")
    p.add_argument("--all", action="store_true", help="every hint at once")
    p.set_defaults(func=cmd_hint)

    p = sub.add_parser(
        "solution", help="the reference solution of an exercise (a diff): asks first, or --show"
    )
    p.add_argument("stage")
    p.add_argument("number")
    p.add_argument("--show", action="store_true", help="print it without asking first")
    p.add_argument("--apply", action="store_true", help="apply it to your copy in work/")
    p.add_argument("--yes", action="store_true", help="do not ask first")
    p.set_defaults(func=cmd_solution)

    p = sub.add_parser("watch", help="re-check the current exercise on every save (Ctrl-C stops)")
    p.add_argument("stage")
    p.add_argument("number", nargs="?")
    p.set_defaults(func=cmd_watch)

    p = sub.add_parser("progress", help="a table: lesson, exercises done / total")
    p.set_defaults(func=cmd_progress)

    p = sub.add_parser(
        "restart", help="start one exercise (restart 03 2) or your whole copy (restart 03) over"
    )
    p.add_argument("stage")
    p.add_argument("number", nargs="?")
    p.add_argument("--yes", action="store_true", help="do not ask first")
    p.set_defaults(func=cmd_restart)


def lab_stage(stage, pristine: bool = False, command: str = "lab"):
    """What ``lab``, ``serve``, ``reset`` and ``client`` act on: the learner's copy in work/ when
    there is one (and they say so), unless ``pristine``."""
    from ..stages import Stage

    shipped = any(stage.path == known.path for known in all_stages())  # not a folder given by path
    if pristine or not shipped or not workspace.has_copy(stage):
        if shipped and workspace.has_copy(stage):
            print(f"Using the shipped stage {_rel(stage.path)}/ (--pristine).", flush=True)
        return stage
    path = workspace.work_path(stage)
    print(
        f"Using your exercise copy {_rel(path)}/ (the shipped stage: "
        f"python -m course {command} {short(stage)} --pristine)",
        flush=True,
    )
    return Stage(stage.name, path)
