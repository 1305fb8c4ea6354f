"""How long the course's test suite takes, and where the time goes, printed as it goes.

    python tooling_benchmarks/suite_bench.py                 # `python -m course test`, as CI runs it
    python tooling_benchmarks/suite_bench.py --serial        # on one process (-n 0), to compare
    python tooling_benchmarks/suite_bench.py -- -k contract  # more arguments go to `course test`

It runs the suite once, as a subprocess (``-v --durations=0``), and prints each test as it
finishes, with the time since that worker's previous test and the time since the start; every
``--every`` seconds, and when the run ends or is cut short (Ctrl-C), the time per test file so far.
At the end: the wall time, the machine's load before and after (a shared machine's figures are only
as quiet as its load), pytest's own per-test durations per file and the slowest tests. It prints
figures; nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from collections import defaultdict

from course.stages import ROOT

DURATION = re.compile(r"^([\d.]+)s (setup|call|teardown)\s+(\S+)")
# `-v` with xdist: "[gw0] [  9%] PASSED tests/x.py::test[a]"; on one process: "tests/x.py::t PASSED"
DONE_XDIST = re.compile(r"^\[(gw\d+)\] \[\s*\d+%\] (PASSED|FAILED|ERROR|SKIPPED|XFAIL|XPASS) (\S+)")
DONE_SERIAL = re.compile(r"^(\S+::\S+) (PASSED|FAILED|ERROR|SKIPPED|XFAIL|XPASS)")


def load() -> str:
    if hasattr(os, "getloadavg"):
        return "load average " + ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return "load average unknown"


def print_files(title: str, per_file: dict[str, float]) -> None:
    print(f"\n{title}:")
    for path, seconds in sorted(per_file.items(), key=lambda kv: -kv[1]):
        print(f"  {seconds:7.1f} s  {path}")
    print(flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--serial", action="store_true", help="one process (-n 0), no workers")
    parser.add_argument("--top", type=int, default=15, help="how many of the slowest tests to list")
    parser.add_argument("--every", type=float, default=120, help="seconds between summaries")
    args, extra = parser.parse_known_args()
    extra = [arg for arg in extra if arg != "--"]
    cmd = [sys.executable, "-m", "course", "test", *(["-n", "0"] if args.serial else [])]
    cmd += ["--durations=0", "-v", "-p", "no:cacheprovider", *extra]
    print(f"Python {sys.version.split()[0]} on {sys.platform}, {os.cpu_count()} cores; {load()}")
    print("$ " + " ".join(cmd[1:]), flush=True)
    start = last_summary = time.perf_counter()
    last_done: dict[str, float] = defaultdict(lambda: start)
    seen: dict[str, float] = defaultdict(float)  # per file, from the finish times
    lines: list[str] = []
    proc = subprocess.Popen(
        cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8"
    )
    try:
        for line in proc.stdout:
            line = line.rstrip("\n")
            lines.append(line)
            now = time.perf_counter()
            done = DONE_XDIST.match(line)
            worker, outcome, test = done.groups() if done else (None, None, None)
            if not done and (serial := DONE_SERIAL.match(line)):
                worker, (test, outcome) = "main", serial.groups()
            if test:
                took = now - last_done[worker]
                last_done[worker] = now
                seen[test.split("::")[0]] += took
                print(f"{now - start:6.0f} s  {took:6.1f} s  {worker} {outcome} {test}", flush=True)
            if now - last_summary > args.every:
                last_summary = now
                print_files(f"per file so far ({now - start:.0f} s; {load()})", seen)
        proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        print_files(f"cut short after {time.perf_counter() - start:.0f} s; per file so far", seen)
        return 1
    wall = time.perf_counter() - start

    per_file: dict[str, float] = defaultdict(float)
    per_test: dict[str, float] = defaultdict(float)
    for line in lines:
        match = DURATION.match(line)
        if match:
            seconds, test = float(match.group(1)), match.group(3)
            per_file[test.split("::")[0]] += seconds
            per_test[test] += seconds
    summary = next(
        (
            line
            for line in reversed(lines)
            if " in " in line and ("passed" in line or "failed" in line)
        ),
        "(no pytest summary)",
    )
    print(f"\nwall time: {wall:.0f} s ({wall / 60:.1f} min), exit code {proc.returncode}; {load()}")
    print(f"pytest: {summary.strip('= ')}")
    busy = sum(per_test.values())
    print(
        f"test time summed over all tests: {busy:.0f} s "
        f"({busy / wall:.1f}x the wall time: the workers' overlap)"
    )
    print_files("per file (pytest's durations, summed)", per_file)
    print(f"slowest {args.top} tests:")
    for test, seconds in sorted(per_test.items(), key=lambda kv: -kv[1])[: args.top]:
        print(f"  {seconds:7.1f} s  {test}")
    if proc.returncode != 0:
        # pytest's FAILURES section (the tracebacks), up to its durations or its summary
        begin = next((i for i, line in enumerate(lines) if " FAILURES " in line), len(lines) - 30)
        end = next(
            (i for i, line in enumerate(lines) if i > begin and " durations " in line), len(lines)
        )
        print("\nthe suite failed:\n" + "\n".join(lines[begin:end][-400:]))
        print("\n".join(lines[-8:]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
