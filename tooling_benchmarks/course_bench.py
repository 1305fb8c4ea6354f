"""Figures for the course itself: time to the first 200, notebook run times.

    python tooling_benchmarks/course_bench.py

The install's time and size: ``benchmarks/install_bench.py``.

It prints figures; nothing here passes or fails. Run it on a quiet machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

from course.notebook_server import SERVER_STAGE_ENV, SERVER_URL_ENV
from course.processes import free_port, interrupt, own_group, stop_process
from course.server import LiveServer
from course.database import db_cache
from course.stages import ROOT, all_stages, lessons
from course.testing import copy_stage, execute_notebook


def first_200(args: list[str], url: str, timeout: float = 120) -> tuple[float, subprocess.Popen]:
    start = time.perf_counter()
    # In its own process group, so stop() can press "Ctrl-C" for the command and its children.
    proc = subprocess.Popen(
        args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **own_group()
    )
    while time.perf_counter() - start < timeout:
        try:
            if requests.get(url, timeout=1).status_code == 200:
                return time.perf_counter() - start, proc
        except requests.ConnectionError:
            time.sleep(0.02)
    stop_process(proc)
    raise RuntimeError(f"no 200 from {url}")


def stop(proc: subprocess.Popen) -> None:
    """Ctrl-C, as a learner stops it: the command, its server and Jupyter all get it."""
    interrupt(proc)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        stop_process(proc)


def bench_startup(tmp: Path) -> None:
    print(
        "\nfrom nothing (no database) to the first 200 of /articles/; cold = the stage's very "
        "first database (migrations run), warm = later ones (a cached fresh database is copied):"
    )
    for stage in lessons():
        for f in db_cache().glob(f"{stage.name}-*"):
            f.unlink()
        for command in ("serve", "serve", "lab"):
            copy = copy_stage(stage, Path(tempfile.mkdtemp(dir=tmp)), ready=False)
            port = free_port()
            args = [sys.executable, "-m", "course", command, str(copy.path), "--port", str(port)]
            if command == "lab":
                args += ["--no-browser", "--", f"--port={free_port()}"]
            cold = not any(db_cache().glob(f"{stage.name}-*"))
            seconds, proc = first_200(args, f"http://127.0.0.1:{port}/articles/")
            stop(proc)
            print(f"  {command:<5} {stage.name:<16} {'cold' if cold else 'warm'} {seconds:5.2f} s")


def bench_notebooks(tmp: Path) -> None:
    print("\nnotebook execution (plain python3 kernel, live server already up):")
    for stage in lessons():
        if not stage.notebook:
            continue
        copy = copy_stage(stage, tmp / f"nb-{stage.name}")
        with LiveServer(copy.path) as server:
            os.environ[SERVER_URL_ENV], os.environ[SERVER_STAGE_ENV] = server.url, str(copy.path)
            start = time.perf_counter()
            execute_notebook(copy.notebook, cwd=copy.path)
            print(f"  {stage.name:<16} {time.perf_counter() - start:5.1f} s")
    for name in ("SERVER_URL_ENV", "SERVER_STAGE_ENV"):
        os.environ.pop(globals()[name], None)
    start = time.perf_counter()
    execute_notebook(ROOT / "notebooks" / "00_start_here.ipynb", cwd=ROOT / "notebooks")
    print(f"  {'00_start_here':<16} {time.perf_counter() - start:5.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.parse_args()
    print(
        f"Python {sys.version.split()[0]} on {sys.platform}, {os.cpu_count()} cores; "
        f"stages: {', '.join(s.name for s in all_stages())}"
    )
    tmp = Path(tempfile.mkdtemp(prefix="course-bench-"))
    try:
        bench_startup(tmp)
        bench_notebooks(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
