"""A Python process already set up in a stage's folder, waiting for its job: ``watch``'s re-checks.

A job in a stage (a check's tests, its server) spends about 0.6 s before its first line of work:
Python, Django, DRF, the stage's settings and apps. ``watch`` re-checks after every save, so its
workbench starts the next processes while the learner is still editing. Each one
(``python -m course.warm``, in the stage's folder) sets Django up, says which of the stage's files
it has loaded and their digests (``COURSE-WARM-READY <json>``), and waits for one job on stdin.

A job goes to a waiting process only when none of those files has changed since: Python cannot
unload a module, so a changed model or setting needs a fresh process, and gets one. Everything else
the learner edits (views, serializers, urls, tests) is imported by the job itself, after the save.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import runpy
import subprocess
import sys
import threading
from pathlib import Path

READY = "COURSE-WARM-READY "


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class WarmProcess:
    """The host's side: start one, ``take`` it when its loaded files are unchanged, ``run`` a job."""

    def __init__(self, folder: Path, env: dict[str, str]):
        self.folder = Path(folder)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "course.warm"],
            cwd=self.folder,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            bufsize=0,  # unbuffered: reading the READY line takes nothing the job writes later
        )
        self._loaded: dict[str, str] | None = None
        self._reader = threading.Thread(target=self._read_ready, daemon=True)
        self._reader.start()

    def _read_ready(self) -> None:
        line = self.process.stdout.readline().decode("utf-8", errors="replace")
        if line.startswith(READY):
            self._loaded = json.loads(line[len(READY) :])

    def loaded(self, timeout: float = 60.0) -> dict[str, str] | None:
        """Once it is set up: the stage's files it loaded (path: digest); None if it failed."""
        self._reader.join(timeout)
        return self._loaded

    def take(self, timeout: float = 60.0) -> bool:
        """True when the process is set up and none of the files it loaded changed since; else
        it is stopped, and the job runs in a fresh process."""
        loaded = self.loaded(timeout)
        usable = loaded is not None and self.process.poll() is None
        for rel, digest in (loaded or {}).items():
            path = self.folder / rel
            if not usable:
                break
            usable = path.is_file() and _digest(path) == digest
        if not usable:
            self.stop()
        return usable

    def run(
        self, argv: list[str], stdin: str | None = None, log: Path | None = None
    ) -> subprocess.Popen:
        """Give the job (``argv`` as after ``python``: ``-m MODULE ...`` or ``manage.py ...``);
        its output goes to the pipes, or to the file ``log``. The process is the job's now."""
        job = {"argv": argv, "stdin": stdin, "log": str(log) if log else None}
        self.process.stdin.write(json.dumps(job).encode("utf-8") + b"\n")
        self.process.stdin.close()
        self.process.stdin = None  # communicate() must not touch it again
        return self.process

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for pipe in (self.process.stdin, self.process.stdout, self.process.stderr):
            if pipe is not None:
                pipe.close()


def _loaded_files(folder: Path) -> dict[str, str]:
    """The stage's own files this process has imported, each with its digest."""
    found = {}
    for module in list(sys.modules.values()):
        name = getattr(module, "__file__", None)
        if not name:
            continue
        path = Path(name).resolve()
        if path.is_relative_to(folder) and path.suffix == ".py":
            found[path.relative_to(folder).as_posix()] = _digest(path)
    return found


def main() -> int:
    """In the stage's folder: set up, say READY, wait for one job, run it as ``python`` would."""
    import psutil

    from .in_stage import setup_django
    from .lifeline import watch_parent

    # Its job (a server, tests) ends with the course process that started it, however that ends.
    parent = psutil.Process().parent()
    if parent is None:
        return 0
    threading.Thread(target=watch_parent, args=(parent,), daemon=True).start()
    folder = Path.cwd().resolve()
    setup_django()
    from django.conf import settings

    # What every job imports next; none of it is the stage's own code.
    import django.core.management.commands.runserver  # noqa: F401
    import django.test.runner  # noqa: F401

    if "rest_framework" in settings.INSTALLED_APPS:
        import rest_framework.test  # noqa: F401
        import rest_framework.viewsets  # noqa: F401
    sys.stdout.write(READY + json.dumps(_loaded_files(folder)) + "\n")
    sys.stdout.flush()
    line = sys.stdin.readline()
    if not line:
        return 0  # the course stopped before it needed this process
    job = json.loads(line)
    if job["log"]:
        sys.stdout.flush()
        log = os.open(job["log"], os.O_WRONLY | os.O_CREAT | os.O_APPEND)
        os.dup2(log, 1)
        os.dup2(log, 2)
        os.close(log)
    sys.stdin = io.StringIO(job["stdin"] or "")
    argv = job["argv"]
    if argv[0] == "-m":
        sys.argv = [argv[1], *argv[2:]]
        runpy.run_module(argv[1], run_name="__main__", alter_sys=True)
    else:
        sys.argv = list(argv)
        runpy.run_path(argv[0], run_name="__main__")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
