"""A stage's Django tests in a check's copy: those a check runs itself (``c.run_tests``), the
stage's own beside every check (in the background, skipped when they passed on the very same code
before), and ``run_stage_tests`` for a folder outside any check.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import threading
from pathlib import Path

from .. import atomic
from ..errors import CourseError
from ..run import dev_env
from . import runner
from .check_copy import BrokenCopy
from .test_db import environment
from .workspace import ANSWERS


class StageTests:
    """The test-running part of ``Check``: it runs them through ``self._run`` in the copy and
    records failures in ``self.problems``."""

    def start_stage_tests(self) -> None:
        """Start the stage's own tests (``TESTS``, or all; ``CHANGES_TESTS`` left out) in the
        background, while the check sends its requests: a change that answers the exercise and
        breaks the stage does not pass, and a check waits for the slower of the two, not both."""
        exercise = self.exercise
        args = [arg for label in exercise.changes_tests for arg in ("--exclude", label)]
        args += exercise.test_modules or []

        passed = _passed_marker(self._copy, args)
        if passed is not None and passed.exists():
            return  # these tests passed on this very code before (a predict exercise, a re-check)

        def started(proc):
            self._stage_proc = proc
            if self._stage_stopping:
                proc.kill()

        def run():
            try:
                self._stage_summary = self._run("tests", *args, timeout=300, started=started)
                if passed is not None and not self._stage_summary.get("failures"):
                    passed.touch()
            except BrokenCopy as error:
                self._stage_error = str(error)
            except Exception as error:  # stopped with the check (Ctrl-C, a timeout)
                self._stage_error = f"the stage's tests did not run: {type(error).__name__}"

        self._stage_tests = threading.Thread(target=run, daemon=True)
        self._stage_tests.start()

    def _from_stage_tests(self, labels: tuple[str, ...]) -> dict | None:
        """The results for ``labels`` out of the stage's own run, when it ran every one of their
        tests (none left out as ``CHANGES_TESTS``), else None."""
        wanted = self.exercise.test_modules or ["articles"]
        left_out = self.exercise.changes_tests
        if self._stage_tests is None or self._stage_stopping or not labels:
            return None
        for label in labels:
            if not any(_matches(label, module) for module in wanted):
                return None
            if any(_matches(label, out) or _matches(out, label) for out in left_out):
                return None
        self._stage_tests.join()
        summary = self._stage_summary
        if self._stage_error or not summary or "tests" not in summary:
            return None
        return {
            "ran": sum(any(_matches(t, label) for label in labels) for t in summary["tests"]),
            "failures": [
                failure
                for failure in summary["failures"]
                if any(_matches(failure["test"], label) for label in labels)
            ],
        }

    def ran_stage_tests(self) -> bool:
        """True when the check's own ``run_tests`` covered every module of ``TESTS``."""
        wanted = self.exercise.test_modules or ["articles"]
        return all(any(_matches(label, ran) for ran in self._tests_ran) for label in wanted)

    def stop_stage_tests(self) -> None:
        """The check found a mistake, or ran those tests itself: the background run goes."""
        if self._stage_tests is None:
            return
        self._stage_stopping = True
        if self._stage_proc is not None and self._stage_proc.poll() is None:
            self._stage_proc.kill()
        self._stage_tests.join()
        self._stage_tests = None

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

    def run_tests(self, *labels: str) -> bool:
        """Run those Django tests in the copy; each failure recorded as test name + first line.
        Tests the stage's own run (in the background) covers are taken from it, not run twice."""
        summary = self._from_stage_tests(labels) or self._run("tests", *labels, timeout=300)
        self._tests_ran.update(labels or ["articles"])
        for failure in summary["failures"]:
            self.problems.append(f"test {failure['test']} failed: {failure['message']}")
        if summary["ran"] == 0:
            self.problems.append(f"no test ran for {', '.join(labels) or 'articles'}")
        return not summary["failures"]


def _matches(test_id: str, label: str) -> bool:
    return test_id == label or test_id.startswith(label + ".")


def _passed_marker(copy: Path, args: list[str]) -> Path | None:
    """A file named after the copy's code, the test labels and the Python that runs them: it
    exists when those tests passed on exactly that code (the database, caches and predictions
    play no part) in the same environment."""
    digest = hashlib.sha256(environment() + b"\0" + " ".join(args).encode())
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
