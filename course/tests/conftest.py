import os
import subprocess
import sys

import pytest
import requests

from course.processes import own_group, wait_until_answers
from course.stages import resolve
from course.testing import copy_stage

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# Jupyter refuses to run as root unless told; CI runs as root, learners don't.
AS_ROOT = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []


def course(*args, cwd=ROOT, input=None, timeout=120, env=None, module="course"):
    """Run ``python -m course ARGS`` as a learner would, with no terminal (stdin is ``input`` or
    empty) and ``env`` added to the environment; return the finished process. ``module``:
    another command, ``course.dev``."""
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        input=input,
        stdin=subprocess.DEVNULL if input is None else None,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture
def stage01(tmp_path):
    """A throwaway, unprepared copy of lesson 01 (commands that prepare it do so themselves)."""
    return copy_stage(resolve("01"), tmp_path, ready=False)


def wait_for(url, timeout=60, params=None):
    """The first answer at ``url`` once something listens there."""
    wait_until_answers(url, timeout=timeout)
    return requests.get(url, params=params, timeout=10)


def start_lab(stage, port, jupyter_port, *flags):
    """``course lab`` of ``stage`` with no browser, its server on ``port`` and Jupyter on
    ``jupyter_port``, in its own process group (see start_in_own_group)."""
    return start_in_own_group(
        [
            sys.executable,
            "-m",
            "course",
            "lab",
            str(stage.path),
            *flags,
            "--port",
            str(port),
            "--no-browser",
            "--",
            f"--port={jupyter_port}",
            *AS_ROOT,
        ]
    )


def start_in_own_group(args):
    """Start a command as a learner's terminal would, so a 'Ctrl-C' reaches all of it."""
    return subprocess.Popen(
        args,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        **own_group(),
    )
