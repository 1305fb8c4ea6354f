"""Helpers for the processes and ports the course starts: a free port, whether a server answers,
stopping a process with its children, Ctrl-C for a command's process group, a stage's syntax errors.

Pure Python, so they behave the same on Windows, macOS and Linux.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from .errors import CourseError

HOST = "127.0.0.1"


def free_port(host: str = HOST) -> int:
    """A TCP port that nothing listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def port_busy(port: int, host: str = HOST) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def answers(url: str, timeout: float = 1.0) -> bool:
    """True when an HTTP server answers at ``url`` with any status at all."""
    try:
        with urllib.request.urlopen(url, timeout=timeout):
            return True
    except urllib.error.HTTPError:
        return True  # a 404 is still an answer
    except (OSError, ValueError):
        return False


def wait_until_answers(
    url: str,
    timeout: float = 30.0,
    process: subprocess.Popen | None = None,
    what: str = "the server",
) -> None:
    """Wait until an HTTP server answers at ``url``; a ``CourseError`` when ``process`` (the one
    that should answer) exits first, or when ``timeout`` seconds pass."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise CourseError(f"{what} stopped at start (exit code {process.returncode})")
        if answers(url, timeout=0.5):
            return
        time.sleep(0.05)
    raise CourseError(f"{what} did not answer at {url} within {timeout:.0f} s")


def stop_process(process: subprocess.Popen | None, timeout: float = 5.0) -> None:
    """Stop a child process and every process it started (runserver's autoreloader runs the
    server in a child): ask them (terminate), wait, and kill what will not go. Safe to call twice,
    and on a process that has already ended."""
    if process is None or process.poll() is not None:
        return
    import psutil

    try:
        family = psutil.Process(process.pid).children(recursive=True)
    except psutil.Error:
        family = []
    process.terminate()
    for child in family:
        try:
            child.terminate()
        except psutil.Error:
            pass
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=timeout)
    _gone, alive = psutil.wait_procs(family, timeout=timeout)
    for child in alive:
        try:
            child.kill()
        except psutil.Error:
            pass


class Terminated(KeyboardInterrupt):
    """A SIGTERM (a terminal closed, a ``kill``), raised where Ctrl-C's KeyboardInterrupt is: the
    same clean-up, except that the command's children did not get the signal, so it stops them at
    once instead of waiting for them to stop themselves."""


def own_group() -> dict:
    """``Popen`` arguments that start a command in its own process group, as a terminal does, so
    that ``interrupt`` reaches the command and every child it starts."""
    if os.name == "nt":
        return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
    return {"start_new_session": True}


def interrupt(process: subprocess.Popen) -> None:
    """Ctrl-C for a command started with ``own_group()``: the command and its children get it."""
    if os.name == "nt":
        process.send_signal(signal.CTRL_BREAK_EVENT)
    else:
        os.killpg(process.pid, signal.SIGINT)


def syntax_error(folder: Path) -> str | None:
    """The first syntax error in the Python files of ``folder``, as one line (``articles/views.py,
    line 12: SyntaxError: invalid syntax``), or None: found before any process starts."""
    folder = Path(folder)
    for path in sorted(folder.rglob("*.py")):
        if any(
            part.startswith(".") or part in ("__pycache__", "node_modules")
            for part in path.parts[len(folder.parts) :]
        ):
            continue
        rel = path.relative_to(folder).as_posix()
        try:
            compile(path.read_bytes(), str(path), "exec")
        except SyntaxError as exc:
            return f"{rel}, line {exc.lineno}: SyntaxError: {exc.msg}"
        except ValueError as exc:  # NUL bytes and the like
            return f"{rel}: {exc}"
    return None
