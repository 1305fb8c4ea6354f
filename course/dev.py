"""The contributors' commands, in one place: ``python -m course.dev COMMAND``.

``propagate 03 articles/views.py [--since REV] [--dry-run]``
    Carry a fix made in one stage into every later lesson, as a patch (``course.propagate``).
``make-patch 03 2 [--from FOLDER] [--stdout]``
    Write an exercise's ``solution.patch`` from a solved copy (``course.exercises.dev``).
``try 03 2``
    Check an exercise on a scratch copy, untouched (must fail), then solved (must pass).
``latest [--python PY] [-- PYTEST ARGS]``
    The newest Django REST stack on a Python, and the stage tests against it (``course.latest``).

A learner's commands are ``python -m course ...``; these change the course itself.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import propagate as propagation
from .errors import CourseError
from .stages import ROOT, lessons, resolve


def _in_repo(stage) -> str:
    return stage.path.relative_to(ROOT).as_posix()


def propagate(args) -> int:
    stage = resolve(args.stage)
    later = [s for s in lessons() if stage.number is not None and s.number > stage.number]
    if not later:
        raise CourseError(f"no lesson comes after {stage.name}: nothing to carry the fix into")
    failed = 0
    for file in args.files:
        file = Path(file).as_posix()
        patch = propagation.change_of(ROOT, _in_repo(stage), file, since=args.since)
        for outcome in propagation.apply(
            ROOT, patch, [_in_repo(s) for s in later], file, args.dry_run
        ):
            failed += outcome.status == "does not apply"
            detail = f" ({outcome.detail})" if outcome.detail else ""
            verb = "would apply" if args.dry_run and outcome.status == "applied" else outcome.status
            print(f"{outcome.stage}/{file}: {verb}{detail}")
    if failed:
        print(
            f"{failed} file(s) left as they were: carry the change there by hand, then check "
            "`python -m course diff` between neighbours."
        )
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    commands = ("propagate", "make-patch", "try", "latest")
    if not argv or argv[0] not in commands:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    command, rest = argv[0], argv[1:]
    if command in ("make-patch", "try"):
        from .exercises import dev as exercise_dev

        return exercise_dev.main([command, *rest])
    if command == "latest":
        from . import latest

        return latest.main(rest)
    parser = argparse.ArgumentParser(
        prog="python -m course.dev propagate",
        description="Apply what changed in FILE of STAGE since the last commit (--since REV) to "
        "the same file of each later lesson, where the patch applies cleanly; report where not.",
    )
    parser.add_argument("stage")
    parser.add_argument(
        "files", nargs="+", metavar="FILE", help="path inside the stage, e.g. articles/views.py"
    )
    parser.add_argument("--since", default="HEAD", help="the git revision to measure from")
    parser.add_argument("--dry-run", action="store_true", help="say where; change nothing")
    try:
        return propagate(parser.parse_args(rest))
    except CourseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
