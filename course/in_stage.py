"""The one way code runs inside a stage: ``python -m MODULE ARGS`` in the stage's folder.

Every stage has the same module names (``config``, ``articles``), so one Python process can hold
one stage only: the course runs a job in the stage's folder as a subprocess
(``course.run.run_in_stage`` on the host side), and the job's module ends with
``raise SystemExit(in_stage.main(job))``. :func:`main` puts the folder on ``sys.path``, sets Django
up with the stage's settings (development mode, as the course runs every stage), runs ``job()`` and
prints its value as JSON on the last line of stdout, ``COURSE-RESULT <json>``. A failure is one
line on stderr, ``COURSE-ERROR <where: what>``, and exit code 1: never a bare traceback.

The jobs: ``course.prepare`` (migrate and data), ``course.routes`` (what the URLconf answers),
``course.exercises.runner`` (a check's steps).
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

RESULT = "COURSE-RESULT "
ERROR = "COURSE-ERROR "


def setup_django() -> None:
    """Django, set up for the stage in the current folder."""
    sys.path.insert(0, str(Path.cwd()))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    import django

    django.setup()


def explain(exc: BaseException, root: Path | None = None) -> str:
    """One line: where in the stage's own files the problem is, and what it is."""
    root = (root or Path.cwd()).resolve()
    if isinstance(exc, SyntaxError) and exc.filename:
        where = _relative(exc.filename, root, exc.lineno)
        return f"{where}: SyntaxError: {exc.msg}" if where else f"SyntaxError: {exc.msg}"
    where = ""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        where = _relative(frame.filename, root, frame.lineno)
        if where:
            break
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    text = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    return f"{where}: {text}" if where else text


def _relative(filename: str, root: Path, lineno) -> str:
    try:
        rel = Path(filename).resolve().relative_to(root)
    except (ValueError, OSError):
        return ""
    return f"{rel.as_posix()}, line {lineno}"


def main(job: Callable[[], object], explain: Callable[[BaseException], str] = explain) -> int:
    """Set Django up, run ``job()``, print its value: the whole of a job module's ``main``."""
    try:
        setup_django()
        value = job()
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # a problem in the stage's code, as one line
        print(ERROR + explain(exc), file=sys.stderr)
        return 1
    sys.stdout.flush()
    print("\n" + RESULT + json.dumps(value, default=str))
    return 0
