"""The check API: what an exercise's ``check(c)`` is given, and how a check runs.

A check runs against a fresh copy of the learner's work folder, prepared as ``course lab`` prepares
a stage (migrated, its data loaded), with a live server started on first use and stopped after.
What goes wrong is written in the learner's terms: which request, what came back, what was
expected. A broken copy (syntax error, failed import, missing migration, a server that does not
start) is one line.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path

from .. import atomic
from ..errors import CourseError
from ..server import LiveServer, syntax_error
from ..stages import Stage, _cached_db, dev_env
from . import runner
from .catalog import Exercise
from .workspace import ANSWERS, read_answers

TIMEOUT = 10  # seconds, for every request a check sends
# A server that is slow to start is not a wrong answer: on a busy machine (CI running many checks
# at once) Django's start-up can take far longer than on a learner's laptop.
SERVER_TIMEOUT = 120


class StopCheck(Exception):
    """Raised by ``c.require``/``c.json``: the rest of the check makes no sense after this."""


class BrokenCopy(Exception):
    """The copy cannot run at all; the message is one line for the learner."""


@dataclass
class Result:
    exercise: Exercise
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def passed(self) -> bool:
        return not self.problems


class Check:
    """``c`` in ``check(c)``. See exercises/README.md for the whole API."""

    def __init__(self, exercise: Exercise, folder: Path, bench=None):
        self.exercise = exercise
        self._bench = bench  # a workbench.Workbench: watch's copy, kept between checks
        self.folder = Path(folder)  # the learner's work copy (never changed by a check)
        self.problems: list[str] = []
        self._scratch: Path | None = None
        self._copy: Path | None = None
        self._server: LiveServer | None = None
        self._starting: threading.Thread | None = None
        self._server_error = ""
        self._session = None
        self._stage_tests: threading.Thread | None = None
        self._stage_summary: dict | None = None
        self._stage_error = ""
        self._tests_ran: set[str] = set()  # labels the check ran itself (run_tests)

    # -- life cycle -------------------------------------------------------------------------

    def __enter__(self) -> Check:
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
                ignore=shutil.ignore_patterns(ANSWERS, "*.ipynb", *IGNORE_NAMES),
            )
            _compile_all(self._copy)
            # runserver opens no database until the first request, so it starts while the copy
            # is prepared: the two Django start-ups overlap.
            self._server = LiveServer(self._copy, startup_timeout=SERVER_TIMEOUT)
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
        if self._session is not None:
            self._session.close()
        if self._bench is not None:
            return  # the workbench keeps the copy and its server for the next check
        if self._server is not None:
            self._server.stop()
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)

    def _prepare(self) -> None:
        cached = _cached_db(Stage(self.exercise.stage.name, self._copy))
        db = self._copy / "db.sqlite3"
        if cached is not None and cached.exists():
            shutil.copyfile(cached, db)
        self._run("prepare")
        if cached is not None and not cached.exists() and db.exists():
            atomic.copy_file(db, cached)  # a parallel check never reads half a file

    def _run(self, what: str, *args: str, stdin: str | None = None, timeout: float = 120):
        proc = subprocess.Popen(
            [sys.executable, "-m", "course.exercises.runner", what, *args],
            cwd=self._copy,
            env=dev_env({"PYTHONUNBUFFERED": "1"}),
            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        try:
            out, err = proc.communicate(stdin, timeout=timeout)
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
            self._server = LiveServer(self._copy, startup_timeout=SERVER_TIMEOUT)
            self._start_server()
        if self._server_error:
            raise BrokenCopy(self._server_error)
        return self._server

    @property
    def url(self) -> str:
        return self.server.url

    # -- HTTP ---------------------------------------------------------------------------------

    def request(self, method: str, path: str, **kw):
        """Send ``method path`` to the live server; ``kw`` as for ``requests`` (json=, headers=)."""
        import requests

        if self._session is None:
            self._session = requests.Session()
        kw.setdefault("timeout", TIMEOUT)
        kw.setdefault("allow_redirects", False)  # a redirect is an answer the learner should see
        return self._session.request(method, self.url + path, **kw)

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, **kw):
        return self.request("POST", path, **kw)

    def put(self, path, **kw):
        return self.request("PUT", path, **kw)

    def patch(self, path, **kw):
        return self.request("PATCH", path, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)

    def options(self, path, **kw):
        return self.request("OPTIONS", path, **kw)

    def head(self, path, **kw):
        return self.request("HEAD", path, **kw)

    def sign_up(self, username: str | None = None, password: str | None = None) -> str:
        """A fresh user signed up through ``POST /accounts/signup/``; returns the token's key."""
        self._credentials = (
            username or "learner_" + secrets.token_hex(4),
            password or secrets.token_urlsafe(16),
        )
        username, password = self._credentials
        response = self.post(
            "/accounts/signup/",
            json={"username": username, "password1": password, "password2": password},
        )
        self.require_status(response, HTTPStatus.CREATED)
        return self.json(response).get("key", "")

    def jwt(self) -> str:
        """project/: a fresh user's JWT access token (``POST /accounts/jwt/create/``)."""
        self.sign_up()
        username, password = self._credentials
        response = self.post(
            "/accounts/jwt/create/", json={"username": username, "password": password}
        )
        self.require_status(response, HTTPStatus.OK)
        return self.json(response).get("access", "")

    # -- recording what is wrong -------------------------------------------------------------

    def expect(self, condition, message: str) -> bool:
        """Record ``message`` unless ``condition`` holds; returns the condition, to chain on."""
        if not condition:
            self.problems.append(message)
        return bool(condition)

    def require(self, condition, message: str) -> None:
        """Like ``expect``, and the check stops here when it fails."""
        if not self.expect(condition, message):
            raise StopCheck

    def expect_status(self, response, expected) -> bool:
        """``POST /api/v1/articles/ answered 405 Method Not Allowed; expected 201 Created``."""
        wanted = expected if isinstance(expected, (tuple, list, set)) else (expected,)
        if response.status_code in [int(code) for code in wanted]:
            return True
        self.problems.append(
            self.describe(response) + "; expected " + " or ".join(_status(code) for code in wanted)
        )
        return False

    def require_status(self, response, expected) -> None:
        if not self.expect_status(response, expected):
            raise StopCheck

    def describe(self, response) -> str:
        """``GET /api/v1/articles/1/ answered 404 Not Found {"detail": ...}`` (body shortened)."""
        request = response.request
        path = request.path_url
        text = f"{request.method} {path} answered {_status(response.status_code)}"
        body = _short_body(response)
        if body:
            text += f" {body}"
        if response.status_code == HTTPStatus.NO_CONTENT and request.method == "DELETE":
            text += " (it was deleted)"
        if response.status_code >= 500 and self._server is not None:
            line = _last_exception(self._server.log_text)
            if line:
                text += f" (server log: {line})"
        return text

    def json(self, response):
        """The response's JSON; when it is not JSON, the check records so and stops."""
        try:
            return response.json()
        except ValueError:
            self.problems.append(self.describe(response) + "; expected a JSON body")
            raise StopCheck from None

    # -- the stage's own tests, beside every check --------------------------------------------

    def start_stage_tests(self) -> None:
        """Start the stage's own tests (``TESTS``, or all; ``CHANGES_TESTS`` left out) in the
        background, while the check sends its requests: a change that answers the exercise and
        breaks the stage does not pass."""
        exercise = self.exercise
        args = [arg for label in exercise.changes_tests for arg in ("--exclude", label)]
        args += exercise.test_modules or []

        passed = _passed_marker(self._copy, args)
        if passed is not None and passed.exists():
            return  # these tests passed on this very code before (a predict exercise, a re-check)

        def run():
            try:
                self._stage_summary = self._run("tests", *args, timeout=300)
                if passed is not None and not self._stage_summary.get("failures"):
                    passed.touch()
            except BrokenCopy as error:
                self._stage_error = str(error)
            except Exception as error:  # stopped with the check (Ctrl-C, a timeout)
                self._stage_error = f"the stage's tests did not run: {type(error).__name__}"

        self._stage_tests = threading.Thread(target=run, daemon=True)
        self._stage_tests.start()

    def ran_stage_tests(self) -> bool:
        """True when the check's own ``run_tests`` covered every module of ``TESTS``."""
        wanted = self.exercise.test_modules or ["articles"]
        return all(
            any(label == ran or label.startswith(ran + ".") for ran in self._tests_ran)
            for label in wanted
        )

    def finish_stage_tests(self) -> None:
        """Wait for the stage's tests; their failures become problems when the check found none
        (a mistake is named once: the check's own words say it better)."""
        if self._stage_tests is None:
            return
        self._stage_tests.join()
        if self.problems:
            return
        if self._stage_error:
            self.problems.append(f"the stage's own tests do not run: {self._stage_error}")
        for failure in (self._stage_summary or {}).get("failures", []):
            self.problems.append(
                f"the stage's own test {_test_name(failure['test'])} fails: {failure['message']}"
            )

    # -- code, tests, files ------------------------------------------------------------------

    def run_tests(self, *labels: str) -> bool:
        """Run those Django tests in the copy; each failure recorded as test name + first line."""
        summary = self._run("tests", *labels, timeout=300)
        self._tests_ran.update(labels or ["articles"])
        for failure in summary["failures"]:
            self.problems.append(f"test {failure['test']} failed: {failure['message']}")
        if summary["ran"] == 0:
            self.problems.append(f"no test ran for {', '.join(labels) or 'articles'}")
        return not summary["failures"]

    def django(self, code: str):
        """Run ``code`` in the copy's Django (set up); return what it assigns to ``result`` (JSON)."""
        return self._run("code", stdin=code)

    def answer(self, key: str) -> str | None:
        """The learner's prediction ``key`` from ``answers/<K>.txt`` of their copy, or None."""
        return read_answers(self.exercise, self.folder).get(key)

    def expect_answer(self, key: str, actual, normalize=None) -> bool:
        """Compare prediction ``key`` with what really happened; a missing one is a problem too."""
        given = self.answer(key)
        path = f"{ANSWERS}/{self.exercise.number}.txt"
        if given is None:
            self.problems.append(f"no prediction for {key!r} yet: write `{key}: ...` in {path}")
            return False
        norm = normalize or (lambda value: str(value).strip().lower())
        if norm(given) != norm(actual):
            self.problems.append(
                f"your prediction `{key}: {given}` is not what happened; "
                "try again (python -m course hint "
                f"{self.exercise.label})"
            )
            return False
        return True

    def file(self, path: str) -> str:
        """The text of a file of the learner's copy (``""`` when it does not exist)."""
        target = self.folder / path
        return target.read_text(encoding="utf-8") if target.exists() else ""


IGNORE_NAMES = ("__pycache__", ".ipynb_checkpoints", "db.sqlite3*", "*.pyc", "*.log")


def _compile_all(folder: Path) -> None:
    """A syntax error anywhere in the copy, as one line, before any process starts."""
    error = syntax_error(folder)
    if error:
        raise BrokenCopy(error)


def _passed_marker(copy: Path, args: list[str]) -> Path | None:
    """A file named after the copy's code and the test labels: it exists when those tests passed
    on exactly that code (the database, caches and predictions play no part)."""
    digest = hashlib.sha256(" ".join(args).encode())
    for path in sorted(copy.rglob("*")):
        rel = path.relative_to(copy).as_posix()
        if not path.is_file() or rel.startswith(ANSWERS + "/") or "__pycache__" in rel:
            continue
        if rel.startswith("db.sqlite3") or rel.endswith((".pyc", ".log", ".ipynb")):
            continue
        digest.update(rel.encode() + b"\0" + path.read_bytes())
    # In the user's private cache: a marker another user planted would pass a check untested.
    return atomic.cache_dir("stage-tests-passed") / digest.hexdigest()[:32]


def _test_name(test_id: str) -> str:
    """``articles.tests.test_api.ArticleTests.test_x`` -> ``test_api.ArticleTests.test_x``."""
    return test_id.removeprefix("articles.tests.")


def _status(code) -> str:
    try:
        return f"{int(code)} {HTTPStatus(int(code)).phrase}"
    except ValueError:
        return str(code)


def _short_body(response, limit: int = 160) -> str:
    if not response.content:
        return ""
    kind = response.headers.get("Content-Type", "")
    if "json" not in kind:
        return f"({kind.split(';')[0] or 'a body'}, {len(response.content)} bytes)"
    text = json.dumps(response.json(), ensure_ascii=False) if _is_json(response) else response.text
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _is_json(response) -> bool:
    try:
        response.json()
        return True
    except ValueError:
        return False


def _last_exception(log: str) -> str:
    lines = [line for line in log.splitlines() if re.match(r"^[\w.]+(Error|Exception)\b.*:", line)]
    return lines[-1].strip() if lines else ""


def run_check(exercise: Exercise, folder: Path, bench=None) -> Result:
    """Run the exercise's check against ``folder`` (a work copy); the problems, in the learner's
    terms. ``bench`` (a ``workbench.Workbench``) keeps the prepared copy between checks."""
    start = time.perf_counter()
    result = Result(exercise)
    check = Check(exercise, folder, bench)
    try:
        with check:
            try:
                exercise.module.check(check)
            except StopCheck:
                pass
            # Then the stage's own tests, once the check passes (a check that fails says so at
            # once, and names the mistake once), unless the check has just run them itself.
            if not check.problems and not check.ran_stage_tests():
                check.start_stage_tests()
                check.finish_stage_tests()
    except StopCheck:
        pass
    except BrokenCopy as exc:
        check.problems.append(f"your copy does not run: {exc}")
    except subprocess.TimeoutExpired:
        check.problems.append(
            "the check took too long: is something waiting for input, or looping?"
        )
    except Exception as exc:
        import requests

        if isinstance(exc, requests.RequestException):
            check.problems.append(f"the server did not answer: {type(exc).__name__}")
        else:
            check.problems.append(f"the check stopped: {runner.explain(exc, exercise.path)}")
    result.problems = list(dict.fromkeys(check.problems))  # one mistake, named once
    result.seconds = time.perf_counter() - start
    return result


def run_stage_tests(folder: Path, exclude: list[str], labels: list[str] | None = None) -> dict:
    """The stage's own tests in ``folder`` (a prepared-or-not copy), ``exclude`` left out:
    ``{"ran": n, "failures": [{"test", "message"}]}``."""
    args = [arg for label in exclude for arg in ("--exclude", label)] + list(labels or [])
    proc = subprocess.run(
        [sys.executable, "-m", "course.exercises.runner", "tests", *args],
        cwd=folder,
        env=dev_env(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
    )
    results = [line for line in proc.stdout.splitlines() if line.startswith(runner.RESULT)]
    if proc.returncode != 0 or not results:
        tail = proc.stderr.strip().splitlines()
        raise CourseError(f"the stage tests did not run in {folder}: {tail[-1] if tail else '?'}")
    return json.loads(results[-1][len(runner.RESULT) :])
