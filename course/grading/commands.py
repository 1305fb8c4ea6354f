"""The grading commands of ``python -m course``: grade, submit. ``course.cli`` adds them."""

from __future__ import annotations

from pathlib import Path

from ..exercises import workspace
from . import classroom, grade, submit


def cmd_grade(args) -> int:
    if args.submissions is not None:
        out = Path(args.out or args.submissions.parent)
        print(f"Grading every file in {args.submissions}/ (each check at most {args.limit:g} s):")

        def said(row):
            reason = f"  ({'; '.join(row.reasons)})" if row.reasons else ""
            print(
                f"  {row.source}: {row.learner or '-'}  {row.passed} passed, {row.points} points{reason}",
                flush=True,
            )

        exercises, rows = classroom.grade_class(args.submissions, args.limit, report=said)
        out.mkdir(parents=True, exist_ok=True)
        for path in (
            classroom.write_csv(exercises, rows, out / "grades.csv"),
            classroom.write_html(exercises, rows, out / "grades.html"),
        ):
            print(f"Wrote {path}")
        return 0

    def said(o):
        print(f"  {o.label}: {'passed' if o.passed else 'not passed'}", flush=True)

    print(f"Checking every exercise of your copies in {workspace.WORK}/ ...", flush=True)
    outcomes = grade.grade_work(args.limit, report=said)
    print("\n" + grade.table(outcomes) + "\n")
    for path in grade.write_reports(outcomes, Path(args.out or workspace.WORK)):
        print(f"Wrote {path}")
    return 0


def add_commands(sub) -> None:
    p = sub.add_parser(
        "grade",
        help="check every exercise of your copies: a table, JSON and JUnit XML; "
        "or (a folder) grade a class's submissions",
        description="With no folder: run every check of every lesson you have a copy of in work/ "
        "and write grade.json, grade.xml (JUnit) and grade.md there (or in --out). With a folder "
        "of submissions (python -m course submit): apply each to fresh copies, run every check "
        "with a time limit, and write grades.csv and grades.html beside the folder. Grading runs "
        "the learners' code: run it contained (docs/instructors.md).",
    )
    p.add_argument("submissions", nargs="?", type=Path, help="a folder of submission files")
    p.add_argument("--out", help="where the reports go")
    p.add_argument(
        "--limit",
        type=float,
        default=grade.LIMIT,
        help="seconds each check may take (default: %(default)s)",
    )
    p.set_defaults(func=cmd_grade)

    p = sub.add_parser(
        "submit",
        help="write one small file with your changes to each copy, to hand in",
        description="Write submission-<name>.json: your changes to each copy in work/ as patches "
        "against the shipped stage, and your progress (no database, no virtual environment).",
    )
    p.add_argument("--name", help="your name as the instructor knows it (default: git's user.name)")
    p.add_argument("--out", default=".", help="the folder it is written to (default: here)")
    p.set_defaults(func=submit.cmd_submit)
