import os
import subprocess
import sys

import pytest

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
