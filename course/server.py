"""A stage's development server in the background: start it, wait until it answers, stop it.

Used by `python -m course lab`, by the notebooks (``course.notebook.live_server``) and by the tests.
Pure Python, so it behaves the same on Windows, macOS and Linux. The port and process helpers it
uses are in ``course.processes``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from .errors import CourseError
from .processes import (
    HOST,
    answers,
    free_port,
    own_group,
    port_busy,
    stop_process,
    wait_until_answers,
)
from .run import dev_env


class LiveServer:
    """``python manage.py runserver HOST:PORT`` for one stage, as a context manager.

    >>> with LiveServer("lessons/01_http_uri") as server:
    ...     requests.get(server.url + "/articles/")

    By default ``--noreload`` (tests, checks, a notebook's hidden server). ``reload=True`` keeps
    runserver's autoreloader, as ``course lab`` does: an edit reaches the server within a second or
    two. ``echo`` prints every line of the server's output with that prefix (``"[server] "``), and
    ``log_file`` keeps the output in a file that outlives the server (a temporary one otherwise).
    """

    def __init__(
        self,
        stage_dir: str | os.PathLike,
        port: int | None = None,
        host: str = HOST,
        env: dict[str, str] | None = None,
        startup_timeout: float = 30.0,
        die_with: int | None = None,
        reload: bool = False,
        echo: str | None = None,
        log_file: str | os.PathLike | None = None,
        probe: str = "/",
        warm=None,
    ):
        self.stage_dir = Path(stage_dir).resolve()
        self.host = host
        self.port = port
        self.env = dict(env or {})
        self.startup_timeout = startup_timeout
        self.die_with = die_with  # a process id: the server ends when that process is gone
        self.reload = reload
        self.echo = echo
        self.log_path: Path | None = Path(log_file) if log_file else None
        self._keep_log = log_file is not None
        self.probe = probe  # the path asked until the server answers (a route: no 404 logged)
        # A ``course.warm.WarmProcess`` already set up in the stage (watch's re-checks), or None.
        # It ends with the process that started it, as ``die_with`` asks.
        self.warm = None if reload or echo is not None else warm
        self.process: subprocess.Popen | None = None
        self._sink = None
        self._pump: threading.Thread | None = None
        self._final_log = ""

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def log_text(self) -> str:
        """What the server has printed so far (its request log and any traceback)."""
        if self.log_path is None or not self.log_path.exists():
            return self._final_log
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def log(self, lines: int = 20) -> None:
        """Print the last ``lines`` lines of the server's console: its request log, a traceback,
        an e-mail the console backend "sent"."""
        text = self.log_text
        if not text and self.log_path is None:
            print("(no log: this server was not started by the course; see its own terminal)")
            return
        print("\n".join(text.splitlines()[-lines:]))

    def start(self) -> LiveServer:
        if not (self.stage_dir / "manage.py").exists():
            raise CourseError(f"no manage.py in {self.stage_dir}")
        if self.port is None:
            self.port = free_port(self.host)
        elif port_busy(self.port, self.host):
            raise CourseError(
                f"port {self.port} is busy: stop what uses it, or choose another with --port"
            )
        env = dev_env({"PYTHONUNBUFFERED": "1", "PYTHONIOENCODING": "utf-8", **self.env})
        if self.log_path is None:
            handle, name = tempfile.mkstemp(prefix="course-server-", suffix=".log")
            os.close(handle)
            self.log_path = Path(name)
        lifeline = ["-m", "course.lifeline", str(self.die_with)] if self.die_with else []
        # --skip-checks: preparing the stage (migrate) has just run Django's system checks.
        options = [] if self.reload else ["--noreload"]
        argv = ["manage.py", "runserver", f"{self.host}:{self.port}", *options, "--skip-checks"]
        if self.warm is not None:
            self.process = self.warm.run(argv, log=self.log_path)  # it writes the log itself
            self._wait_until_up()
            return self
        self._sink = open(self.log_path, "w", encoding="utf-8")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [sys.executable, *lifeline, *argv],
            cwd=self.stage_dir,
            env=env,
            stdout=subprocess.PIPE if self.echo is not None else self._sink,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            # Its own group: Ctrl-C in lab's terminal is lab's to handle, and it stops the group.
            **(own_group() if self.reload else {}),
        )
        if self.echo is not None:
            self._pump = threading.Thread(target=self._copy_output, daemon=True)
            self._pump.start()
        self._wait_until_up()
        return self

    def _copy_output(self) -> None:
        """Each line of the server's output into the log file and, prefixed, onto our stdout."""
        for raw in iter(self.process.stdout.readline, b""):
            line = raw.decode("utf-8", errors="replace")
            try:
                self._sink.write(line)
                self._sink.flush()
                sys.stdout.write(self.echo + line)
                sys.stdout.flush()
            except (ValueError, OSError):  # the log was closed: the server is stopping
                return

    def _wait_until_up(self) -> None:
        try:
            wait_until_answers(
                self.url + self.probe,
                self.startup_timeout,
                self.process,
                what=f"the server of {self.stage_dir.name}",
            )
        except CourseError as error:
            log = self.log_text.strip().splitlines()
            self.stop()
            raise CourseError(f"{error}: {log[-1]}" if log else str(error)) from None

    def stop(self) -> None:
        """Stop the server (and the autoreloader's child) and wait for it; safe to call twice."""
        stop_process(self.process)
        if self.warm is not None:
            self.warm.stop()  # its pipes, unused since its output went to the log
        if self._pump is not None:
            self._pump.join(timeout=2)
        if self._sink is not None and not self._sink.closed:
            self._sink.close()
        if not self._keep_log and self.log_path is not None:
            self._final_log = self.log_text
            self.log_path.unlink(missing_ok=True)
            self.log_path = None

    def __enter__(self) -> LiveServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def __repr__(self) -> str:
        state = "running" if self.process and self.process.poll() is None else "stopped"
        return f"<LiveServer {self.stage_dir.name} {self.url} {state}>"


@contextmanager
def standard_library_server(directory: Path | None = None):
    """``python -m http.server`` on a free port for the length of a ``with`` block; yields its URL.

    Lesson 01 uses it to show a real 5xx: the standard library's server, on which Django's
    ``runserver`` is built, answers a method it does not implement with ``501 Not Implemented``.
    """
    port = free_port()
    url = f"http://{HOST}:{port}"
    with tempfile.TemporaryDirectory() as empty:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "http.server",
                str(port),
                "--bind",
                HOST,
                "--directory",
                str(directory or empty),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            for _ in range(100):
                if answers(url + "/"):
                    break
                time.sleep(0.1)
            else:
                raise CourseError("python -m http.server did not start")
            yield url
        finally:
            process.terminate()
            process.wait(timeout=10)
