"""Helpers for the course's own test suite and benchmarks: throwaway copies of stages, notebook
execution, a throw-away user."""

from __future__ import annotations

import secrets
import shutil
from pathlib import Path
from typing import NamedTuple

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


def execute_notebook(path: Path, cwd: Path, timeout: int = 180, kernel_name: str = "python3"):
    """Run every cell of the notebook at ``path`` in a fresh kernel started in ``cwd``.

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
    client.execute()
    return nb


def stages_from(first: str) -> list[str]:
    """Names of the lesson stages from ``first`` on: a stage keeps what the stages before it answered."""
    from .stages import lessons, resolve

    start = resolve(first).number
    return [s.name for s in lessons() if s.number is not None and s.number >= start]


class Account(NamedTuple):
    username: str
    password: str
    key: str  # the token dj-rest-auth answered with: ``Authorization: Token <key>``


def sign_up(base_url: str, username: str | None = None, password: str | None = None,
            timeout: float = 10) -> Account:
    """Sign a fresh user up through ``POST /accounts/signup/`` (lesson 06 on, and project/)."""
    import requests

    username = username or "user_" + secrets.token_hex(4)
    password = password or secrets.token_urlsafe(16)
    response = requests.post(base_url + "/accounts/signup/", json={
        "username": username, "password1": password, "password2": password,
    }, timeout=timeout)
    if response.status_code != 201:
        raise AssertionError(f"sign-up failed: {response.status_code} {response.text[:300]}")
    return Account(username, password, response.json()["key"])
