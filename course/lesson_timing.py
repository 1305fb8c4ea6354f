"""How long a lesson takes, measured: ``python -m course.lesson_timing 03`` (or a stage's folder).

Teaching minutes, for the lesson's notebooks in order (``lesson.ipynb``, ``lesson_2_*.ipynb``, ...;
the optional ``lesson_going_further.ipynb`` timed on its own): every markdown word read at a
beginner's pace (``WPM``), plus ``PER_CELL`` minutes for each code cell (read it, run it, read its
output), plus the seconds the kernel really took for each cell, measured by executing the notebooks
against a live server of the stage (nbclient records each cell's start and end).

Exercise minutes, per exercise: its statement and hints read at ``WPM``, ``PER_LINE`` minutes for
each line of Python its reference solution changes, ``PER_FILE`` for each other file it changes
(generated or data: a migration, a fixture), ``PER_PREDICTION`` minutes for each prediction it
asks for, ``PER_BREAK`` for a break exercise (make the mistake, put the code back), and two runs of
its check (one failing, one passing), measured by running the check against a copy with its
solution applied. Totals are rounded up to 5 minutes. The figures in each INSTRUCTORS.md come from
this. Absolute imports: it also runs as a file with another checkout's interpreter, on that
checkout.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import tempfile
import time
from datetime import datetime
from pathlib import Path

WPM = 100  # words a minute: a beginner reading technical English, often not their first language
PER_CELL = 1.5  # minutes for each code cell: read it, run it, read what it printed
PER_LINE = 1.0  # minutes for each changed line of code in a solution: find the place, write, fix
OPTIONAL = "going_further"  # lesson_going_further.ipynb: optional, timed on its own
PER_PREDICTION = 1.0  # minutes for each prediction: think it through, write it down
PER_FILE = 2.0  # a generated or data file (migration, fixture): run the command that writes it
PER_BREAK = 2.0  # a break exercise: make the mistake, then put the code back


def words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def count(path: Path) -> dict:
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = nb["cells"]
    md = [("".join(c["source"])) for c in cells if c["cell_type"] == "markdown"]
    code = [("".join(c["source"])) for c in cells if c["cell_type"] == "code"]
    return {
        "notebook": path.name,
        "markdown_words": sum(words(t) for t in md),
        "code_cells": len(code),
        "code_lines": sum(len([x for x in t.splitlines() if x.strip()]) for t in code),
    }


def cell_seconds(nb) -> float:
    total = 0.0
    for cell in nb.cells:
        timing = cell.get("metadata", {}).get("execution", {})
        start, end = timing.get("iopub.execute_input"), timing.get("shell.execute_reply")
        if start and end:
            total += (_time(end) - _time(start)).total_seconds()
    return total


def _time(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def round5(minutes: float) -> int:
    return max(5, 5 * math.ceil(minutes / 5))


def teaching(stage) -> dict:
    """Counts and kernel seconds of the stage's lesson notebooks, executed."""
    from course.testing import run_stage_notebooks

    parts = [count(p) for p in stage.notebooks]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="course-timing-") as scratch:
        _copy, executed, _log = run_stage_notebooks(stage, Path(scratch), timeout=600)
    wall = time.perf_counter() - started
    for part in parts:
        part["kernel_seconds"] = round(cell_seconds(executed[part["notebook"]]), 1)
    core = [p for p in parts if OPTIONAL not in p["notebook"]]
    further = [p for p in parts if OPTIONAL in p["notebook"]]
    return {
        "parts": parts,
        "wall_seconds": round(wall, 1),
        "minutes_exact": round(minutes(core), 1),
        "teaching_minutes": round5(minutes(core)),
        "going_further_minutes": round5(minutes(further)) if further else 0,
    }


def minutes(parts: list[dict]) -> float:
    md = sum(p["markdown_words"] for p in parts)
    cells = sum(p["code_cells"] for p in parts)
    seconds = sum(p["kernel_seconds"] for p in parts)
    return md / WPM + cells * PER_CELL + seconds / 60


def written(patch: str) -> tuple[int, int]:
    """(changed lines of Python the learner writes, other files: generated or data, e.g. a
    migration from makemigrations, a fixture from dumpdata). Answer files are predictions."""
    lines, others, current = 0, set(), ""
    for line in patch.splitlines():
        if line.startswith("+++ "):
            current = line[4:].split("\t")[0].removeprefix("b/")
        elif line.startswith("--- "):
            continue
        elif line[:1] in "+-" and line[1:].strip() and not current.startswith("answers/"):
            if current.endswith(".py") and "/migrations/" not in current:
                lines += 1
            else:
                others.add(current)
    return lines, len(others)


def exercises(stage) -> list[dict]:
    import shutil

    from course.exercises.catalog import exercises_of
    from course.exercises.checking import run_check
    from course.exercises.workspace import IGNORE
    from course.exercises.patching import apply_patch

    found = []
    for exercise in exercises_of(stage):
        with tempfile.TemporaryDirectory(prefix="course-timing-") as scratch:
            folder = Path(scratch) / stage.name
            shutil.copytree(stage.path, folder, ignore=IGNORE)
            try:
                apply_patch(exercise.patch, folder)
            except Exception as error:  # a measurement, not a test: say so and go on
                found.append({"exercise": exercise.label, "error": str(error)})
                continue
            result = run_check(exercise, folder)
        read = words(exercise.readme) + sum(words(h) for h in exercise.hints)
        code_lines, other_files = written(exercise.patch) if exercise.kind == "code" else (0, 0)
        minutes = (
            read / WPM
            + code_lines * PER_LINE
            + other_files * PER_FILE
            + len(exercise.answer_keys) * PER_PREDICTION
            + (PER_BREAK if exercise.kind == "break" else 0)
            + 2 * result.seconds / 60
        )
        found.append(
            {
                "exercise": exercise.label,
                "kind": exercise.kind,
                "words": read,
                "changed_lines": code_lines,
                "generated_or_data_files": other_files,
                "predictions": len(exercise.answer_keys),
                "check_seconds": round(result.seconds, 1),
                "check_passed_on_solution": result.passed,
                "minutes_exact": round(minutes, 1),
            }
        )
    return found


def main(argv: list[str] | None = None) -> int:
    from course.stages import Stage, resolve

    parser = argparse.ArgumentParser(prog="python -m course.lesson_timing")
    parser.add_argument("stages", nargs="+", help="a stage name or folder")
    parser.add_argument("--no-exercises", action="store_true")
    parser.add_argument("--no-teaching", action="store_true")
    args = parser.parse_args(argv)
    for name in args.stages:
        path = Path(name)
        stage = Stage(path.name, path.resolve()) if path.is_dir() else resolve(name)
        entry = {} if args.no_teaching else {"teaching": teaching(stage)}
        if not args.no_exercises:
            entry["exercises"] = exercises(stage)
        print(json.dumps({stage.name: entry}), flush=True)  # one JSON line per stage
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
