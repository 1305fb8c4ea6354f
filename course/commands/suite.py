"""``test`` and ``site``: the course as a whole, its test suite (pytest, on xdist's workers) and
its static website."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys

from ..errors import CourseError
from ..stages import ROOT, resolve
from .guard import require

# What the test suite imports before it runs a single test: checked first, so a missing package is
# one line, not pytest's page of import errors.
TEST_DEPENDENCIES = ("pytest", "django", "rest_framework", "requests", "nbformat", "nbclient")


def cmd_site(args) -> int:
    from .. import site

    out = args.out or site.BUILD
    if args.serve_only:
        index = out / "html" / "index.html"
        if not index.exists():
            raise CourseError(f"no site in {out}: build it first with: python -m course site")
    else:
        index = site.build(out, jobs=args.jobs, execute=not args.no_execute)
        print(index)
    if args.serve or args.serve_only:
        site.serve(index.parent, port=args.port)
    return 0


def test_workers(extra: list[str]) -> list[str]:
    """pytest-xdist's arguments for ``course test``: one worker per core (at most 4), asked to keep
    the tests of one stage's live server on one worker (``--dist loadgroup``, tests/conftest.py).
    None when the caller chose (``-n``, ``-p no:xdist``), only collects, or xdist is missing."""
    chosen = {"--numprocesses", "--dist", "--collect-only", "--co", "--pdb", "no:xdist"}
    if any(arg.split("=")[0] in chosen or arg.startswith("-n") for arg in extra):
        return []
    if importlib.util.find_spec("xdist") is None:
        return []
    return ["-n", str(max(1, min(os.cpu_count() or 1, 4))), "--dist", "loadgroup"]


def cmd_test(args) -> int:
    require(*TEST_DEPENDENCIES)
    extra = list(args.pytest_args)
    cmd = [sys.executable, "-m", "pytest"]
    # The first word, when it is not an option, names the stage: `test 03 -x`, `test -x`.
    if extra and not extra[0].startswith("-"):
        cmd += ["-k", resolve(extra.pop(0)).name]
    return subprocess.call(cmd + test_workers(extra) + extra, cwd=ROOT)
