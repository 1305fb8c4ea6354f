"""How long the course's test suite takes, and where the time goes.

    python benchmarks/suite_bench.py                 # `python -m course test`, as CI runs it
    python benchmarks/suite_bench.py --serial        # the same on one process (-n 0), to compare
    python benchmarks/suite_bench.py -- -k contract  # more arguments go to `course test`

It runs the suite once, as a subprocess, with pytest's ``--durations=0``, and prints the wall time,
the machine's load before and after (a shared machine's figures are only as quiet as its load),
the time per test file (summed over its tests: setup, call, teardown) and the slowest tests. It
prints figures; nothing here passes or fails.
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


def load() -> str:
    if hasattr(os, "getloadavg"):
        return "load average " + ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return "load average unknown"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument(
        "--serial", action="store_true", help="one process (-n 0), no xdist workers"
    )
    parser.add_argument("--top", type=int, default=15, help="how many of the slowest tests to list")
    args, extra = parser.parse_known_args()
    extra = [arg for arg in extra if arg != "--"]
    cmd = [
        sys.executable,
        "-m",
        "course",
        "test",
        *(["-n", "0"] if args.serial else []),
        "--durations=0",
        "-q",
        "-p",
        "no:cacheprovider",
        *extra,
    ]
    print(f"Python {sys.version.split()[0]} on {sys.platform}, {os.cpu_count()} cores; {load()}")
    print("$ " + " ".join(cmd[1:]), flush=True)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, encoding="utf-8")
    wall = time.perf_counter() - start

    per_file: dict[str, float] = defaultdict(float)
    per_test: dict[str, float] = defaultdict(float)
    for line in proc.stdout.splitlines():
        match = DURATION.match(line)
        if match:
            seconds, test = float(match.group(1)), match.group(3)
            per_file[test.split("::")[0]] += seconds
            per_test[test] += seconds
    summary = next(
        (
            line
            for line in reversed(proc.stdout.splitlines())
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
    print("\nper file (summed):")
    for path, seconds in sorted(per_file.items(), key=lambda kv: -kv[1]):
        print(f"  {seconds:7.1f} s  {path}")
    print(f"\nslowest {args.top} tests:")
    for test, seconds in sorted(per_test.items(), key=lambda kv: -kv[1])[: args.top]:
        print(f"  {seconds:7.1f} s  {test}")
    if proc.returncode != 0:
        print("\nthe suite failed; its last lines:\n" + "\n".join(proc.stdout.splitlines()[-30:]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
