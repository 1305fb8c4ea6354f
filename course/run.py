"""Running Python in a stage: the one way the course starts a process there (``run_python``,
``run_manage``, ``run_in_stage``), and the development environment it gets (``dev_env``, and the
stage's ``.env`` for a ``runserver`` started by hand).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from . import atomic
from .errors import CourseError
from .stages import Stage

# The course runs every stage in development mode. Lessons ignore this; project/ reads its settings
# from the environment and refuses to start without DEBUG or a real SECRET_KEY.
DEV_ENV = {"DJANGO_DEBUG": "1"}


def ensure_env_file(stage: Stage) -> Path | None:
    """Write the stage's git-ignored ``.env`` from its ``.env.example`` (project/ has one) when it
    has none, so that ``python manage.py runserver`` by hand starts in development mode too.
    Returns the file written, or None."""
    example, target = stage.path / ".env.example", stage.path / ".env"
    if not example.exists() or target.exists():
        return None
    return atomic.copy_file(example, target)  # two commands starting at once: one whole file


def dev_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment the course starts a stage's processes with: development defaults, then the
    learner's own environment, then ``extra``. Python writes UTF-8 in them whatever the console's
    code page (the course reads their output as UTF-8)."""
    return {**DEV_ENV, **os.environ, "PYTHONIOENCODING": "utf-8", **(extra or {})}


def run_python(
    where: Stage | os.PathLike | str,
    *args: str,
    check: bool = True,
    capture: bool = False,
    env: dict[str, str] | None = None,
    stdin: str | None = None,
    timeout: float | None = None,
) -> subprocess.CompletedProcess:
    """``python ARGS`` in a stage folder (a ``Stage`` or a path), with this interpreter and the
    course's environment (``dev_env`` plus ``env``): the one way the course starts a process in a
    stage. With ``check`` a failure becomes a one-line ``CourseError``; ``capture`` keeps stdout
    and stderr as text; ``stdin`` is written to the process's standard input."""
    path = Path(getattr(where, "path", where))
    proc = subprocess.run(
        [sys.executable, *args],
        cwd=path,
        env=dev_env(env),
        text=True,
        encoding="utf-8",
        capture_output=capture,
        input=stdin,
        timeout=timeout,
    )
    if check and proc.returncode != 0:
        detail = (proc.stderr or proc.stdout or "").strip().splitlines()
        last = detail[-1] if detail else f"exit code {proc.returncode}"
        raise CourseError(f"`python {' '.join(args)}` failed in {path.name}: {last}")
    return proc


def run_manage(
    where: Stage | os.PathLike | str, *args: str, **options
) -> subprocess.CompletedProcess:
    """``python manage.py ARGS`` in a stage folder; the options of :func:`run_python`."""
    return run_python(where, "manage.py", *args, **options)


class StageJobError(CourseError):
    """A job in a stage (``run_in_stage``) failed; the message is its one line."""


def run_in_stage(
    where: Stage | os.PathLike | str,
    module: str,
    *args: str,
    stdin: str | None = None,
    timeout: float | None = None,
    env: dict[str, str] | None = None,
):
    """Run a ``course.in_stage`` job, ``python -m MODULE ARGS``, in a stage folder: the value it
    answered (JSON). Its failure raises ``StageJobError`` with the job's one line
    (``COURSE-ERROR ...``), or the last line the process wrote."""
    from .in_stage import ERROR, RESULT

    proc = run_python(
        where, "-m", module, *args, check=False, capture=True, env=env, stdin=stdin, timeout=timeout
    )
    errors = [line for line in proc.stderr.splitlines() if line.startswith(ERROR)]
    results = [line for line in proc.stdout.splitlines() if line.startswith(RESULT)]
    if proc.returncode != 0 or not results:
        if errors:
            raise StageJobError(errors[-1][len(ERROR) :])
        tail = (proc.stderr or proc.stdout).strip().splitlines()
        raise StageJobError(tail[-1] if tail else f"{module} exited with {proc.returncode}")
    return json.loads(results[-1][len(RESULT) :])
