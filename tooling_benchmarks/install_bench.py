"""How long the README's install commands take, and how big an environment they make.

    python tooling_benchmarks/install_bench.py                         # requirements.txt, then -dev
    python tooling_benchmarks/install_bench.py requirements.txt        # the learner's install only
    python tooling_benchmarks/install_bench.py --python ~/.pyenv/versions/3.10.13/bin/python

Each requirements file is installed into a fresh virtual environment under the system's temporary
folder (deleted afterwards) with the given interpreter, the way the README says, from pip's cache as
it is (run it twice for a warm cache). It prints, as it goes, the seconds (venv + pip install), the
environment's size and its largest distributions. It prints figures; nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What each distribution's files take, read by the new environment's own interpreter.
SIZES = """
import json, importlib.metadata as m
out = {}
for d in m.distributions():
    total = 0
    for f in d.files or []:
        try:
            total += f.locate().stat().st_size
        except OSError:
            pass
    out[d.metadata["Name"]] = total
print(json.dumps(out))
"""


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def bench(python: str, requirements: str, top: int) -> None:
    import json

    with tempfile.TemporaryDirectory(prefix="course-install-") as tmp:
        venv = Path(tmp) / "venv"
        start = time.perf_counter()
        subprocess.run([python, "-m", "venv", str(venv)], check=True)
        env_python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
        proc = subprocess.run(
            [str(env_python), "-m", "pip", "install", "-q", "-r", requirements],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - start
        version = subprocess.run(
            [str(env_python), "-c", "import platform; print(platform.python_version())"],
            capture_output=True,
            text=True,
        ).stdout.strip()
        if proc.returncode != 0:
            errors = [line for line in proc.stderr.splitlines() if "ERROR" in line]
            print(
                f"{requirements} on Python {version}: FAILED after {seconds:.0f} s: {errors[-1:]}"
            )
            return
        size = folder_size(venv) / 2**20
        print(
            f"{requirements} on Python {version}: {seconds:.0f} s, environment {size:.0f} MiB",
            flush=True,
        )
        sizes = json.loads(
            subprocess.run([str(env_python), "-c", SIZES], capture_output=True, text=True).stdout
        )
        biggest = sorted(sizes.items(), key=lambda item: -item[1])[:top]
        print(
            "  largest: " + ", ".join(f"{name} {b / 2**20:.0f}" for name, b in biggest), flush=True
        )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument(
        "requirements", nargs="*", default=["requirements.txt", "requirements-dev.txt"]
    )
    parser.add_argument("--python", default=sys.executable, help="the interpreter to install for")
    parser.add_argument("--top", type=int, default=8, help="how many of the largest to list")
    args = parser.parse_args()
    load = os.getloadavg() if hasattr(os, "getloadavg") else ()
    print("load average " + ", ".join(f"{x:.1f}" for x in load), flush=True)
    for requirements in args.requirements:
        bench(args.python, requirements, args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
