"""Run a stage's ``manage.py`` command that ends when the process that started it is gone.

``python -m course.lifeline PARENT_PID manage.py runserver ...`` runs ``manage.py`` in this very
process, with a thread that watches ``PARENT_PID``. A notebook's hidden server is started this way:
when its kernel dies without cleaning up (Jupyter killed, the kernel killed, a closed laptop lid),
the server stops with it instead of holding its port forever. psutil compares the parent's start
time too, so a new process that got the same id later does not count as the parent.
"""

from __future__ import annotations

import os
import runpy
import sys
import threading
import time

import psutil

POLL_SECONDS = 0.5


def watch_parent(parent: psutil.Process) -> None:
    """End this process (and its children) once ``parent`` is gone."""
    while parent.is_running() and parent.status() != psutil.STATUS_ZOMBIE:
        time.sleep(POLL_SECONDS)
    # runserver's autoreloader serves from a child process: it goes too.
    for child in psutil.Process().children(recursive=True):
        try:
            child.kill()
        except psutil.Error:
            pass
    os._exit(0)  # nothing else to clean up: the server only holds its socket, which the OS closes


def main(argv: list[str]) -> None:
    parent_pid, script, *args = argv
    try:
        parent = psutil.Process(int(parent_pid))
    except psutil.NoSuchProcess:
        return  # gone before we started: nothing to serve
    threading.Thread(target=watch_parent, args=(parent,), daemon=True).start()
    sys.argv = [script, *args]
    sys.path.insert(0, os.getcwd())  # as `python manage.py` would have it
    runpy.run_path(script, run_name="__main__")


if __name__ == "__main__":
    main(sys.argv[1:])
