"""``python -m course grade submissions/``: grade a class from the files its learners handed in.

Each submission is applied to fresh copies of the shipped stages and every check runs there, with a
time limit per check: what the learner's progress file claims is never used. The class table is
written as CSV and as an HTML page (learner x exercise, passed, points, totals). A file that is not
a submission, comes from another version of the course, or whose patches do not apply is reported
in its row with the reason; one bad submission never stops the others.

Grading runs the learners' code on this machine: docs/instructors.md says how to keep it contained.
"""

from __future__ import annotations

import csv
import html
import json
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CourseError
from ..exercises.catalog import Exercise, exercises_of
from ..exercises.workspace import IGNORE
from ..exercises.patching import apply_patch
from ..stages import all_stages
from . import submit
from .grade import LIMIT, Outcome, check_contained


@dataclass
class Row:
    source: str  # the file's name
    learner: str = ""
    outcomes: dict[str, Outcome] = field(default_factory=dict)  # exercise key -> outcome
    reasons: list[str] = field(default_factory=list)

    @property
    def points(self) -> int:
        return sum(o.points for o in self.outcomes.values())

    @property
    def passed(self) -> int:
        return sum(o.passed for o in self.outcomes.values())


def grade_submission(path: Path, limit: float = LIMIT, graded: dict | None = None) -> Row:
    """One submission, graded in fresh copies; every problem becomes a reason in its row.

    ``graded`` maps a copy already graded in this class (its lesson, base and patch) to the file
    it came from and its outcomes: the same copy handed in again (an untouched lesson, a shared
    solution) is not checked twice, and a changed one is named in the row's reasons."""
    row = Row(path.name)
    graded = {} if graded is None else graded
    try:
        data = submit.load(path)
    except submit.NotASubmission as error:
        row.reasons.append(str(error))
        return row
    row.learner = str(data.get("learner") or path.stem)
    shipped = {stage.name: stage for stage in all_stages()}
    for lesson, copy in data["copies"].items():
        stage = shipped.get(lesson)
        if stage is None or not exercises_of(stage):
            row.reasons.append(f"{lesson}: no such lesson here (another version of the course?)")
            continue
        other = copy.get("base") != submit.digest(stage)
        same = (lesson, json.dumps(copy, sort_keys=True))
        if same in graded:
            first, outcomes = graded[same]
            if copy["patch"].strip():  # an untouched lesson is the same for everyone
                row.reasons.append(f"{lesson}: the same copy as {first} (checked once)")
        else:
            outcomes = _check_copy(stage, copy["patch"], limit)
            if isinstance(outcomes, str):
                version = ", made from another version of the course" if other else ""
                row.reasons.append(f"{lesson}: the patch does not apply{version}: {outcomes}")
                continue
            graded[same] = (path.name, outcomes)
        if other:
            row.reasons.append(f"{lesson}: made from another version of the course (applied)")
        row.outcomes.update(outcomes)
    return row


def _check_copy(stage, patch: str, limit: float) -> dict[str, Outcome] | str:
    """Every check of ``stage`` on a fresh copy with ``patch`` applied; why it does not apply,
    when it does not."""
    with tempfile.TemporaryDirectory(prefix="course-grade-") as scratch:
        folder = Path(scratch) / stage.name
        shutil.copytree(stage.path, folder, ignore=IGNORE)
        try:
            if patch.strip():
                apply_patch(patch, folder)
        except CourseError as error:
            return str(error).replace(str(folder), stage.name)
        return {_key(e): check_contained(e, folder, limit) for e in exercises_of(stage)}


def _key(exercise: Exercise) -> str:
    return exercise.key


def grade_class(
    folder: Path, limit: float = LIMIT, report=None
) -> tuple[list[Exercise], list[Row]]:
    """Every file in ``folder`` (hidden ones left out), in name order; the exercises graded."""
    if not folder.is_dir():
        raise CourseError(f"{folder} is not a folder of submissions")
    rows, graded = [], {}
    for path in sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")):
        try:
            row = grade_submission(path, limit, graded)
        except Exception as error:  # one bad submission never stops the others
            row = Row(path.name, reasons=[f"could not be graded: {type(error).__name__}: {error}"])
        rows.append(row)
        if report is not None:
            report(row)
    if not rows:
        raise CourseError(f"no submissions in {folder}")
    graded = {key for row in rows for key in row.outcomes}
    lessons = {key.split("/")[0] for key in graded}
    exercises = [e for s in all_stages() if s.name in lessons for e in exercises_of(s)]
    return exercises, rows


# ---------------------------------------------------------------------------------------------
# The class table


def _cell(row: Row, exercise: Exercise) -> str:
    found = row.outcomes.get(_key(exercise))
    return "" if found is None else str(found.points)


def write_csv(exercises: list[Exercise], rows: list[Row], path: Path) -> Path:
    """One line per learner: points per exercise ('' = not graded), passed, points, reason."""
    possible = sum(e.points for e in exercises)
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(
            [
                "learner",
                "file",
                *(e.key for e in exercises),
                "passed",
                "points",
                "possible",
                "reason",
            ]
        )
        for row in rows:
            out.writerow(
                [
                    row.learner,
                    row.source,
                    *(_cell(row, e) for e in exercises),
                    row.passed,
                    row.points,
                    possible,
                    "; ".join(row.reasons),
                ]
            )
    return path


def write_html(exercises: list[Exercise], rows: list[Row], path: Path) -> Path:
    possible = sum(e.points for e in exercises)
    esc = html.escape
    head = "".join(f'<th title="{esc(e.title)}">{esc(e.label)}</th>' for e in exercises)
    body = []
    for row in rows:
        cells = []
        for e in exercises:
            found = row.outcomes.get(_key(e))
            if found is None:
                cells.append('<td class="none">&ndash;</td>')
            elif found.passed:
                cells.append(f'<td class="pass">&#10003; {found.points}</td>')
            else:
                cells.append(
                    f'<td class="fail" title="{esc("; ".join(found.problems))}">&#10007; 0</td>'
                )
        body.append(
            f"<tr><th>{esc(row.learner or '?')}<br><small>{esc(row.source)}</small></th>{''.join(cells)}"
            f"<td>{row.passed}</td><td>{row.points}/{possible}</td>"
            f"<td class=\"why\">{esc('; '.join(row.reasons))}</td></tr>"
        )
    passes = "".join(
        f"<td>{sum(1 for r in rows if (o := r.outcomes.get(_key(e))) and o.passed)}</td>"
        for e in exercises
    )
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Class grades</title>
<style>
body{{font-family:system-ui,sans-serif;margin:2rem}} table{{border-collapse:collapse}}
th,td{{border:1px solid #ccc;padding:.3rem .5rem;text-align:center}} td.why{{text-align:left}}
.pass{{background:#e6f4ea}} .fail{{background:#fce8e6}} .none{{color:#999}}
</style></head><body>
<h1>Class grades</h1>
<p>{len(rows)} submissions; each checked in fresh copies of the shipped stages. Hover a red cell for
what the check found.</p>
<table><thead><tr><th>learner</th>{head}<th>passed</th><th>points</th><th>reason</th></tr></thead>
<tbody>
{chr(10).join(body)}
</tbody>
<tfoot><tr><th>learners who passed</th>{passes}<td></td><td></td><td></td></tr></tfoot></table>
</body></html>
"""
    path.write_text(page, encoding="utf-8")
    return path
