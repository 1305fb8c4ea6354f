"""How long `python -m course check` takes on typical exercises (goal: 3 s or less, so `watch` feels
live), and where the time goes.

    python tooling_benchmarks/exercise_bench.py
    python tooling_benchmarks/exercise_bench.py 03 4 --runs 5
    python tooling_benchmarks/exercise_bench.py --all --runs 1

With no exercise: 03 4 (code, HTTP), 02 1 (predict), 03 1 (break, ORM). For each: a cold check
phase by phase, a re-check inside `watch` after a save that changes the code (the prepared copy
kept, the next processes started while the learner edits), and
the whole `python -m course check` command.

It prints figures; nothing here passes or fails. Run it on a quiet machine: on a busy one every
Django start-up (there are two or three per check) takes several times longer.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from course.exercises import all_exercises, find  # noqa: E402
from course.exercises.checking import Check, run_check  # noqa: E402
from course.exercises.expectations import StopCheck  # noqa: E402
from course.exercises.workbench import Workbench  # noqa: E402
from course.exercises.workspace import IGNORE  # noqa: E402
from course.exercises.patching import apply_patch  # noqa: E402

TYPICAL = [("03", "4"), ("02", "1"), ("03", "1")]


def phases(exercise, folder: Path) -> dict[str, float]:
    """One check, timed phase by phase: copy + compile + prepare (server starting meanwhile), the
    server ready, the check's own requests/ORM/tests."""
    figures = {}
    start = time.perf_counter()
    check = Check(exercise, folder)
    check.__enter__()
    figures["copy, compile, prepare (server starting meanwhile)"] = time.perf_counter() - start
    mark = time.perf_counter()
    try:
        try:
            exercise.module.check(check)
        except StopCheck:
            pass
    finally:
        figures["the check itself"] = time.perf_counter() - mark
        mark = time.perf_counter()
        check.__exit__(None, None, None)
        figures["stop and clean up"] = time.perf_counter() - mark
    figures["total"] = time.perf_counter() - start
    return figures


def cli_check(work: Path, stage: str, number: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "course", "check", stage, number],
        cwd=ROOT,
        capture_output=True,
        env={**os.environ, "COURSE_WORK": str(work)},
        timeout=300,
    )
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("stage", nargs="?")
    parser.add_argument("number", nargs="?")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--all", action="store_true", help="every exercise of the course")
    args = parser.parse_args()
    targets = [(args.stage, args.number)] if args.stage and args.number else TYPICAL
    if args.all:
        targets = [(e.stage.name, str(e.number)) for e in all_exercises()]
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    for stage, number in targets:
        exercise = find(stage, number)
        with tempfile.TemporaryDirectory(prefix="course-bench-") as tmp:
            folder = Path(tmp) / exercise.stage.name
            shutil.copytree(exercise.stage.path, folder, ignore=IGNORE)
            apply_patch(exercise.patch, folder)  # a solved copy: the check runs to its end
            print(f"\n{exercise.label} {exercise.title} ({exercise.kind}), {args.runs} runs:")
            runs = [phases(exercise, folder) for _ in range(args.runs)]
            for name in runs[0]:
                values = [run[name] for run in runs]
                print(
                    f"  {name:<52} median {statistics.median(values):5.2f} s  "
                    f"(min {min(values):.2f}, max {max(values):.2f})"
                )
            bench = Workbench(exercise.stage.name)  # what `watch` keeps between checks
            try:
                run_check(exercise, folder, bench)  # the first check of a watch: cold
                warm = []
                for run in range(args.runs):
                    bench.warm_up()  # as watch does while it waits for a save
                    time.sleep(3)  # the learner edits
                    for path in exercise.edit or ["articles/views.py"]:
                        if not path.endswith(".py"):
                            (folder / path).touch()  # a prediction saved as it was
                            continue
                        with open(folder / path, "a", encoding="utf-8") as file:
                            file.write(f"\n# saved again ({run})\n")  # a save that changes it
                    start = time.perf_counter()
                    run_check(exercise, folder, bench)
                    warm.append(time.perf_counter() - start)
            finally:
                bench.close()
            print(
                f"  {'a re-check in watch, after a save':<52} median "
                f"{statistics.median(warm):5.2f} s  (min {min(warm):.2f}, max {max(warm):.2f})"
            )
            work = Path(tmp) / "work"
            shutil.copytree(folder, work / exercise.stage.name)
            whole = [cli_check(work, stage, number) for _ in range(args.runs)]
            print(
                f"  {'python -m course check (the whole command)':<52} median "
                f"{statistics.median(whole):5.2f} s  (min {min(whole):.2f}, max {max(whole):.2f})"
            )
    print(f"\nload average after: {os.getloadavg()[0]:.2f}; goal: a check in 3 s or less")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
