"""``python -m course grade``: run every check of every lesson the learner has a copy of, and report
it as a table, as JSON and as JUnit XML (which any CI can show).

Each check runs in a process of its own with a time limit (``--limit``); when the limit is reached,
that process and everything it started (the copy's server) are stopped, and the exercise fails with
that reason. A check runs the learner's code: see docs/instructors.md for running it contained.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

from ..errors import CourseError
from ..processes import stop_process
from ..stages import Stage, all_stages, resolve
from ..exercises import workspace
from ..exercises.catalog import Exercise, exercises_of, find

LIMIT = 300  # seconds a check may take, by default: a slow machine prepares a copy in about 30
RESULT = "GRADE-RESULT "
REPORTS = ("grade.json", "grade.xml", "grade.md")


@dataclass
class Outcome:
    lesson: str  # the stage's folder name, 03_serializers
    exercise: str  # the exercise's folder name, 2_validate_title
    number: int
    title: str
    passed: bool
    points: int  # earned: the exercise's POINTS when passed, else 0
    possible: int
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def label(self) -> str:
        return f"{self.lesson[:2] if self.lesson[:2].isdigit() else self.lesson} {self.number}"


def outcome(exercise: Exercise, problems: list[str], seconds: float) -> Outcome:
    passed = not problems
    return Outcome(
        exercise.stage.name,
        exercise.path.name,
        exercise.number,
        exercise.title,
        passed,
        exercise.points if passed else 0,
        exercise.points,
        list(problems),
        round(seconds, 1),
    )


def check_contained(exercise: Exercise, folder: Path, limit: float = LIMIT) -> Outcome:
    """Run the exercise's check against ``folder`` in a child process stopped after ``limit``
    seconds, with everything it started; the folder itself is never changed."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", __name__, exercise.stage.name, str(exercise.number), str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        encoding="utf-8",
    )
    try:
        out, err = proc.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        stop_process(proc, timeout=2)  # with everything it started
        problem = f"the check took longer than {limit:g} s and was stopped (a loop? a wait?)"
        return outcome(exercise, [problem], time.perf_counter() - start)
    lines = [line for line in out.splitlines() if line.startswith(RESULT)]
    if not lines:
        tail = err.strip().splitlines()
        problem = (
            f"the check did not finish: {tail[-1] if tail else f'exit code {proc.returncode}'}"
        )
        return outcome(exercise, [problem], time.perf_counter() - start)
    return outcome(exercise, json.loads(lines[-1][len(RESULT) :]), time.perf_counter() - start)


def grade_folder(stage: Stage, folder: Path, limit: float = LIMIT, report=None) -> list[Outcome]:
    """Every exercise of ``stage``, checked against ``folder`` (a copy of it), in order."""
    found = []
    for exercise in exercises_of(stage):
        found.append(check_contained(exercise, folder, limit))
        if report is not None:
            report(found[-1])
    return found


def grade_work(limit: float = LIMIT, report=None) -> list[Outcome]:
    """Every exercise of every stage the learner has a copy of in work/."""
    stages = [s for s in all_stages() if workspace.has_copy(s) and exercises_of(s)]
    if not stages:
        raise CourseError(
            f"no exercise copy in {workspace.WORK}: start one with python -m course exercises 01"
        )
    found = []
    for stage in stages:
        found += grade_folder(stage, workspace.work_path(stage), limit, report)
    return found


# ---------------------------------------------------------------------------------------------
# Reports


def totals(outcomes: list[Outcome]) -> tuple[int, int]:
    return sum(o.points for o in outcomes), sum(o.possible for o in outcomes)


def table(outcomes: list[Outcome]) -> str:
    rows = [("lesson", "exercise", "passed", "points")]
    for o in outcomes:
        rows.append((o.lesson, o.exercise, "yes" if o.passed else "no", f"{o.points}/{o.possible}"))
    earned, possible = totals(outcomes)
    rows.append(
        ("total", "", f"{sum(o.passed for o in outcomes)}/{len(outcomes)}", f"{earned}/{possible}")
    )
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    return "\n".join(
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows
    )


def markdown(outcomes: list[Outcome]) -> str:
    earned, possible = totals(outcomes)
    lines = [
        f"## Course grade: {earned}/{possible} points",
        "",
        "| lesson | exercise | passed | points | why not |",
        "| --- | --- | --- | --- | --- |",
    ]
    for o in outcomes:
        why = "; ".join(o.problems).replace("|", "\\|").replace("\n", " ")
        mark = "yes" if o.passed else "no"
        lines.append(f"| {o.lesson} | {o.exercise} | {mark} | {o.points}/{o.possible} | {why} |")
    return "\n".join(lines) + "\n"


def as_json(outcomes: list[Outcome]) -> dict:
    earned, possible = totals(outcomes)
    return {
        "graded": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "points": earned,
        "possible": possible,
        "exercises": [asdict(o) for o in outcomes],
    }


def junit(outcomes: list[Outcome]) -> str:
    """JUnit XML: a test suite per lesson, a test case per exercise, a failure per failed check."""
    suites = ET.Element("testsuites", name="course grade")
    for lesson in dict.fromkeys(o.lesson for o in outcomes):
        mine = [o for o in outcomes if o.lesson == lesson]
        suite = ET.SubElement(
            suites,
            "testsuite",
            name=lesson,
            tests=str(len(mine)),
            failures=str(sum(not o.passed for o in mine)),
            errors="0",
            time=f"{sum(o.seconds for o in mine):.1f}",
        )
        for o in mine:
            case = ET.SubElement(
                suite, "testcase", classname=lesson, name=o.exercise, time=f"{o.seconds:.1f}"
            )
            props = ET.SubElement(case, "properties")
            ET.SubElement(props, "property", name="points", value=str(o.points))
            ET.SubElement(props, "property", name="possible", value=str(o.possible))
            if not o.passed:
                failure = ET.SubElement(case, "failure", message=o.problems[0][:500])
                failure.text = "\n".join(o.problems)
    ET.indent(suites)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
    )


def write_reports(outcomes: list[Outcome], out: Path) -> list[Path]:
    """``grade.json``, ``grade.xml`` (JUnit) and ``grade.md`` (for a CI job summary) in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    texts = (json.dumps(as_json(outcomes), indent=2) + "\n", junit(outcomes), markdown(outcomes))
    paths = []
    for name, text in zip(REPORTS, texts, strict=True):
        (out / name).write_text(text, encoding="utf-8")
        paths.append(out / name)
    return paths


def main(argv: list[str] | None = None) -> int:
    """The child process of ``check_contained``: ``python -m course.grading.grade STAGE K FOLDER``."""
    from ..exercises.checking import run_check

    stage_name, number, folder = argv if argv is not None else sys.argv[1:]
    result = run_check(find(resolve(stage_name).name, number), Path(folder))
    print("\n" + RESULT + json.dumps(result.problems), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
