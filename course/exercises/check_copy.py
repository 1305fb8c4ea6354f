"""The copy a check runs against: the learner's work folder copied to a scratch folder (or
``watch``'s workbench), prepared as ``course lab`` prepares a stage (migrated, its data loaded),
its live server started alongside, and all of it gone afterwards. A copy that cannot run at all
(syntax error, failed import, missing migration, a server that does not start) is ``BrokenCopy``,
one line.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from .. import atomic
from ..apps import FAST_HASHER_ENV
from ..errors import CourseError
from ..processes import syntax_error
from ..server import LiveServer
from ..database import cached_db
from ..run import dev_env
from ..stages import Stage
from . import runner
from .catalog import Exercise
from .workspace import ANSWERS

# A server that is slow to start is not a wrong answer: on a busy machine (CI running many checks
# at once) Django's start-up can take far longer than on a learner's laptop.
SERVER_TIMEOUT = 120
# Every process of a check's copy: passwords hashed fast (course.apps), so a sign-up or a stage's
# auth tests take milliseconds, not PBKDF2's 0.2 s a password. The learner's own server is unchanged.
CHECK_ENV = {"PYTHONUNBUFFERED": "1", FAST_HASHER_ENV: "1"}
# What a check never copies from the learner's folder, besides their predictions (answers/).
LEFT_OUT = ("__pycache__", ".ipynb_checkpoints", "*.pyc", "*.log", "*.ipynb", "db.sqlite3*")


class BrokenCopy(Exception):
    """The copy cannot run at all; the message is one line for the learner."""


class CheckCopy:
    """A check's prepared copy and its live server, as a context manager (``Check`` is one)."""

    def __init__(self, exercise: Exercise, folder: Path, bench=None):
        self.exercise = exercise
        self._bench = bench  # a workbench.Workbench: watch's copy, kept between checks
        self.folder = Path(folder)  # the learner's work copy (never changed by a check)
        self._scratch: Path | None = None
        self._copy: Path | None = None
        self._server: LiveServer | None = None
        self._starting: threading.Thread | None = None
        self._server_error = ""

    def __enter__(self) -> CheckCopy:
        if self._bench is not None:
            self._copy = self._bench.copy
            try:
                self._bench.ready(self)
            except BaseException:
                self._abort_start()
                self._bench.stop_server()
                raise
            return self
        self._scratch = Path(tempfile.mkdtemp(prefix="course-check-"))
        self._copy = self._scratch / self.exercise.stage.name
        try:
            shutil.copytree(
                self.folder,
                self._copy,
                ignore=shutil.ignore_patterns(ANSWERS, *LEFT_OUT),
            )
            compile_all(self._copy)
            # runserver opens no database until the first request, so it starts while the copy
            # is prepared: the two Django start-ups overlap.
            self._server = LiveServer(
                self._copy, startup_timeout=SERVER_TIMEOUT, die_with=os.getpid(), env=CHECK_ENV
            )
            self._starting = threading.Thread(target=self._start_server, daemon=True)
            self._starting.start()
            self._prepare()
            self._starting.join()
        except BaseException:
            # A broken copy, or Ctrl-C: stop the server even if it is still starting, leave nothing.
            self._abort_start()
            self.__exit__(None, None, None)
            raise
        return self

    def _start_server(self) -> None:
        try:
            self._server.start()
        except CourseError as error:
            self._server_error = str(error).replace(str(self._copy), "your copy")
        except Exception as error:  # stopped while starting (see _abort_start)
            self._server_error = f"the server did not start: {type(error).__name__}"

    def _abort_start(self) -> None:
        """Stop the server whatever point its start has reached, until its thread has ended."""
        if self._starting is None or self._server is None:
            return
        while self._starting.is_alive():
            self._server.stop()
            self._starting.join(0.2)
        self._server.stop()

    def __exit__(self, *exc) -> None:
        if self._bench is not None:
            return  # the workbench keeps the copy and its server for the next check
        if self._server is not None:
            self._server.stop()
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)

    def _prepare(self) -> None:
        cached = cached_db(Stage(self.exercise.stage.name, self._copy))
        db = self._copy / "db.sqlite3"
        if cached is not None and cached.exists():
            shutil.copyfile(cached, db)
        self._run("prepare")
        if cached is not None and not cached.exists() and db.exists():
            atomic.copy_file(db, cached)  # a parallel check never reads half a file

    def _run(
        self, what: str, *args: str, stdin: str | None = None, timeout: float = 120, started=None
    ):
        """A runner job in the copy; its result. ``started(proc)`` is told the process first."""
        argv = ["-m", "course.exercises.runner", what, *args]
        warm = self._bench.take_warm() if self._bench is not None else None
        if warm is not None:  # watch: a process set up while the learner edited
            proc = warm.run(argv, stdin=stdin)
        else:
            proc = subprocess.Popen(
                [sys.executable, *argv],
                cwd=self._copy,
                env=dev_env(CHECK_ENV),
                stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
        if started is not None:
            started(proc)
        try:
            given = stdin.encode("utf-8") if stdin is not None and warm is None else None
            out, err = (
                part.decode("utf-8", errors="replace")
                for part in proc.communicate(given, timeout=timeout)
            )
        except BaseException:  # a timeout, Ctrl-C: the runner goes, and is waited for
            proc.kill()
            proc.wait()
            raise
        errors = [line for line in err.splitlines() if line.startswith(runner.ERROR)]
        if proc.returncode != 0:
            if errors:
                raise BrokenCopy(errors[-1][len(runner.ERROR) :])
            tail = (err or out).strip().splitlines()
            raise BrokenCopy(tail[-1] if tail else f"exit code {proc.returncode}")
        results = [line for line in out.splitlines() if line.startswith(runner.RESULT)]
        return json.loads(results[-1][len(runner.RESULT) :]) if results else None

    @property
    def server(self) -> LiveServer:
        """The live server of the prepared copy, started on first use."""
        if self._starting is not None:
            self._starting.join()  # started in the background (a workbench)
        if self._server is None:
            self._server = LiveServer(
                self._copy, startup_timeout=SERVER_TIMEOUT, die_with=os.getpid(), env=CHECK_ENV
            )
            self._start_server()
        if self._server_error:
            raise BrokenCopy(self._server_error)
        return self._server

    @property
    def url(self) -> str:
        return self.server.url


def compile_all(folder: Path) -> None:
    """A syntax error anywhere in the copy, as one line, before any process starts."""
    error = syntax_error(folder)
    if error:
        raise BrokenCopy(error)
