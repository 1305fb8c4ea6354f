"""Helpers for the course's own test suite: throwaway copies of stages, notebook execution."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from .diff import SKIP_DIRS
from .stages import Stage, prepare

IGNORE = shutil.ignore_patterns(*SKIP_DIRS, "db.sqlite3*", "*.pyc")


def copy_stage(stage: Stage, parent: Path, ready: bool = True) -> Stage:
    """A copy of ``stage`` under ``parent``, without its database or caches.

    With ``ready`` it is migrated and given its data, exactly as ``course lab`` would, so a test
    never touches the learner's own ``db.sqlite3``.
    """
    target = Path(parent) / stage.name
    shutil.copytree(stage.path, target, ignore=IGNORE)
    copy = Stage(stage.name, target)
    if ready:
        prepare(copy, fresh=True)
    return copy


def execute_notebook(path: Path, cwd: Path, timeout: int = 180, kernel_name: str = "python3",
                     env: dict[str, str] | None = None):
    """Run every cell of the notebook at ``path`` in a fresh kernel started in ``cwd``.

    ``env`` is added to the kernel's environment (this process's own is left alone, so several
    notebooks can run at once, each pointed at its own server).

    Raises ``nbclient.exceptions.CellExecutionError`` (with the failing cell and its traceback)
    when a cell raises: a checkpoint ``assert`` that fails makes the notebook fail.
    Returns the executed notebook; the file itself is left as it was (committed without outputs).
    """
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name=kernel_name,
        resources={"metadata": {"path": str(cwd)}},
    )
    if env is None:
        client.execute()
    else:
        client.execute(env={**os.environ, **env})
    return nb


def stage_notebooks(stage: Stage) -> list[Path]:
    """The stage's notebooks, ``lesson.ipynb`` first, then any ``lesson_*.ipynb`` parts in name order."""
    return sorted(stage.path.glob("lesson*.ipynb"), key=lambda p: (p.name != "lesson.ipynb", p.name))


def run_stage_notebooks(stage: Stage, parent: Path, timeout: int = 180):
    """Execute the stage's notebooks, top to bottom, against a live server of a fresh copy of it.

    The copy is prepared as ``course lab`` prepares a stage, its server is started here and handed
    to each kernel the way ``course lab`` does it (``COURSE_SERVER_URL``). The test suite and the
    course site both run notebooks through this. Returns ``(copy, {notebook name: executed
    notebook}, server log)``; a cell that raises raises ``CellExecutionError``.
    """
    from .notebook import SERVER_STAGE_ENV, SERVER_URL_ENV
    from .server import LiveServer

    copy = copy_stage(stage, parent)
    executed = {}
    # A generous start-up wait: on a busy machine (CI, several notebooks at once) Django can take
    # longer than the 30 s an interactive `course lab` waits before it gives up.
    with LiveServer(copy.path, startup_timeout=120) as server:
        env = {SERVER_URL_ENV: server.url, SERVER_STAGE_ENV: str(copy.path)}
        try:
            for path in stage_notebooks(copy):
                executed[path.name] = execute_notebook(path, cwd=copy.path, timeout=timeout, env=env)
        finally:
            log = server.log_text
    return copy, executed, log


def stages_from(first: str) -> list[str]:
    """Names of the lesson stages from ``first`` on: a stage keeps what the stages before it answered."""
    from .stages import lessons, resolve

    start = resolve(first).number
    return [s.name for s in lessons() if s.number is not None and s.number >= start]
