"""The check API: ``Check``, what an exercise's ``check(c)`` is given, and ``run_check``, which runs
one.

A check runs against a fresh copy of the learner's work folder (``check_copy``), with a live server
started on first use and stopped after. What goes wrong is written in the learner's terms
(``expectations``); the stage's own tests run beside it and count once it passes (``stage_tests``).
"""

from __future__ import annotations

import secrets
import subprocess
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path

from . import runner
from .catalog import Exercise
from .check_copy import BrokenCopy, CheckCopy
from .expectations import Expectations, StopCheck
from .stage_tests import StageTests
from .workspace import ANSWERS, read_answers

TIMEOUT = 10  # seconds, for every request a check sends


@dataclass
class Result:
    exercise: Exercise
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def passed(self) -> bool:
        return not self.problems


class Check(CheckCopy, Expectations, StageTests):
    """``c`` in ``check(c)``. See exercises/README.md for the whole API."""

    def __init__(self, exercise: Exercise, folder: Path, bench=None):
        super().__init__(exercise, folder, bench)
        self.problems: list[str] = []
        self._session = None
        self._stage_tests: threading.Thread | None = None
        self._stage_proc: subprocess.Popen | None = None
        self._stage_stopping = False
        self._stage_summary: dict | None = None
        self._stage_error = ""
        self._tests_ran: set[str] = set()  # labels the check ran itself (run_tests)

    def __exit__(self, *exc) -> None:
        self.stop_stage_tests()  # still running when the check stopped early (an error, Ctrl-C)
        if self._session is not None:
            self._session.close()
        super().__exit__(*exc)

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

    # -- code, answers, files ----------------------------------------------------------------

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


def run_check(exercise: Exercise, folder: Path, bench=None, stage_tests: bool = True) -> Result:
    """Run the exercise's check against ``folder`` (a work copy); the problems, in the learner's
    terms. ``bench`` (a ``workbench.Workbench``) keeps the prepared copy between checks. Without
    ``stage_tests`` the stage's own tests do not start beside the check: the result of a check
    that fails is the same (they count only once it passes); the suite's round of checks on
    untouched copies, which must all fail, saves their time."""
    start = time.perf_counter()
    result = Result(exercise)
    check = Check(exercise, folder, bench)
    try:
        with check:
            if stage_tests:
                check.start_stage_tests()
            try:
                exercise.module.check(check)
            except StopCheck:
                pass
            # The stage's own tests count once the check passes (a check that fails says so at
            # once, and names the mistake once), unless the check has just run them itself.
            if check.problems or check.ran_stage_tests():
                check.stop_stage_tests()
            else:
                check.finish_stage_tests()  # nothing to wait for when they did not start
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
