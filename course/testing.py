"""Helpers for the course's own test suite and benchmarks: throwaway copies of stages, notebook
execution, a throw-away user."""

from __future__ import annotations

import os
import secrets
import shutil
import signal
from pathlib import Path
from typing import NamedTuple

from .diff import SKIP_DIRS
from .kernel import KERNEL_NAME, install_spec
from .database import prepare
from .stages import Stage

IGNORE = shutil.ignore_patterns(*SKIP_DIRS, "db.sqlite3*", "*.pyc")


def as_a_terminal_would() -> None:
    """SIGINT at its default in the test process, as a terminal gives its foreground command. A
    shell without job control starts a background command (``... &``) with SIGINT ignored; a
    process started while it is ignored inherits that, and the tests' Ctrl-C
    (``processes.interrupt``) would stop none of the commands they start (a suite started in the
    background failed that way). The root ``conftest.py`` calls this before each test."""
    if os.name != "nt" and signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


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


def execute_notebook(
    path: Path,
    cwd: Path,
    timeout: int = 180,
    kernel_name: str | None = None,
    cells: int | None = None,
    env: dict[str, str] | None = None,
):
    """Run every cell of the notebook at ``path`` in a fresh kernel started in ``cwd``.

    The kernel is the one the notebook names (what a learner gets when opening it: "Django
    Shell-Plus" for the lessons), unless ``kernel_name`` names another, e.g. ``"python3"``.
    ``cells`` runs only the first that many code cells. ``env`` is added to the kernel's
    environment (this process's own is left alone, so several notebooks can run at once, each
    pointed at its own server).

    Raises ``nbclient.exceptions.CellExecutionError`` (with the failing cell and its traceback)
    when a cell raises: a checkpoint ``assert`` that fails makes the notebook fail.
    Returns the executed notebook; the file itself is left as it was (committed without outputs).
    """
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    kernel_name = kernel_name or nb.metadata.get("kernelspec", {}).get("name", "python3")
    if kernel_name == KERNEL_NAME:
        install_spec()  # as `shell_plus --lab` writes it, so this kernel is the learner's
    if cells is not None:
        code = [i for i, cell in enumerate(nb.cells) if cell.cell_type == "code"]
        nb.cells = nb.cells[: code[cells - 1] + 1] if len(code) >= cells else nb.cells
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


def run_stage_notebooks(
    stage: Stage, parent: Path, timeout: int = 180, names: list[str] | None = None
):
    """Execute the stage's notebooks, top to bottom, against a live server of a fresh copy of it.

    The copy is prepared as ``course lab`` prepares a stage, its server is started here and handed
    to each kernel the way ``course lab`` does it (``COURSE_SERVER_URL``). The test suite and the
    course site both run notebooks through this. Returns ``(copy, {notebook name: executed
    notebook}, server log)``; a cell that raises raises ``CellExecutionError``. ``names`` runs only
    those notebooks of the stage (e.g. ``["lesson_2_auth.ipynb"]``).
    """
    from .notebook_server import SERVER_STAGE_ENV, SERVER_URL_ENV
    from .server import LiveServer

    copy = copy_stage(stage, parent)
    executed = {}
    # A generous start-up wait: on a busy machine (CI, several notebooks at once) Django can take
    # longer than the 30 s an interactive `course lab` waits before it gives up.
    with LiveServer(copy.path, startup_timeout=120) as server:
        env = {SERVER_URL_ENV: server.url, SERVER_STAGE_ENV: str(copy.path)}
        try:
            for path in copy.notebooks:
                if names is not None and path.name not in names:
                    continue
                executed[path.name] = execute_notebook(
                    path, cwd=copy.path, timeout=timeout, env=env
                )
        finally:
            log = server.log_text
    from .site.execute import keep

    keep(stage, copy.path, executed)  # for a site build in the same test session
    return copy, executed, log


def stages_from(first: str) -> list[str]:
    """Names of the lesson stages from ``first`` on: a stage keeps what the stages before it answered."""
    from .stages import lessons, resolve

    start = resolve(first).number
    return [s.name for s in lessons() if s.number is not None and s.number >= start]


def run_cell(client, code: str, timeout: float = 60) -> tuple[str, str | None]:
    """Execute ``code`` through a jupyter_client ``client``; return (its stdout, error name or None)."""
    msg_id = client.execute(code)
    out, error = [], None
    while True:
        msg = client.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind, content = msg["msg_type"], msg["content"]
        if kind == "stream":
            out.append(content["text"])
        elif kind == "error":
            error = content["ename"] + ": " + content["evalue"]
        elif kind == "status" and content["execution_state"] == "idle":
            return "".join(out), error


def committed_outputs(path: Path) -> str | None:
    """Why the notebook at ``path`` as git has it (its staged, else committed, version) carries
    outputs, or None when it carries none.

    A learner's own saved outputs (Run All, then save or autosave) are normal and not checked: only
    what git holds is. Outside a git checkout, or for a file git does not know yet, the file itself.
    """
    import subprocess

    import nbformat

    path = Path(path).resolve()
    shown = subprocess.run(
        ["git", "show", f":./{path.name}"],
        cwd=path.parent,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    text = shown.stdout if shown.returncode == 0 else path.read_text(encoding="utf-8")
    where = "as git has it" if shown.returncode == 0 else "(not in git: the file itself)"
    nb = nbformat.reads(text, as_version=4)
    for number, cell in enumerate(nb.cells, 1):
        if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None):
            first = cell.source.splitlines()[0] if cell.source else ""
            return (
                f"{path.name} {where} has outputs (cell {number}: {first[:60]!r}). Strip them "
                f"and stage the file again: python -m nbstripout --keep-id {path} && git add "
                f"{path}   (once per clone, `nbstripout --install` does it at every commit)"
            )
    return None


class Account(NamedTuple):
    username: str
    password: str
    key: str  # the token dj-rest-auth answered with: ``Authorization: Token <key>``


def sign_up(
    base_url: str, username: str | None = None, password: str | None = None, timeout: float = 10
) -> Account:
    """Sign a fresh user up through ``POST /accounts/signup/`` (lesson 06 on, and project/)."""
    import requests

    username = username or "user_" + secrets.token_hex(4)
    password = password or secrets.token_urlsafe(16)
    response = requests.post(
        base_url + "/accounts/signup/",
        json={
            "username": username,
            "password1": password,
            "password2": password,
        },
        timeout=timeout,
    )
    if response.status_code != 201:
        raise AssertionError(f"sign-up failed: {response.status_code} {response.text[:300]}")
    return Account(username, password, response.json()["key"])
