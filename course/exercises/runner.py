"""Runs inside a copy of a stage (its working folder) for a check: ``python -m course.exercises.runner``.

``prepare``: Django starts, the URLconf imports, no model change lacks its migration; then migrate
and the stage's data (``course.prepare``). ``tests [--exclude LABEL] LABEL...``: Django's test
runner, failures summarised. ``code``: Python read from stdin, its ``result`` returned as JSON.

The answer is the last line of stdout, ``COURSE-RESULT <json>``; a problem in the learner's code is
the last line of stderr, ``COURSE-ERROR <one line>``, and exit code 1: never a bare traceback.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import unittest
from pathlib import Path

# One way to run inside a stage (course.in_stage): its markers, its one-line explanation, its set-up.
from ..in_stage import ERROR, RESULT, explain  # noqa: F401 - checking.py reads them here
from ..in_stage import setup_django as _setup
from .test_db import kept_test_database


def prepare() -> object:
    _setup()
    from django.core.management import call_command
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - reading it imports urls.py and every view module
    out = io.StringIO()
    try:
        call_command("makemigrations", check=True, dry_run=True, verbosity=1, stdout=out)
    except SystemExit:
        apps = [
            line.split("'")[1] for line in out.getvalue().splitlines() if "Migrations for" in line
        ]
        raise MissingMigration(
            f"a model of {', '.join(apps) or 'an app'} changed but has no migration: run "
            "`python manage.py makemigrations` in your copy"
        ) from None
    from course.prepare import main as prepare_main

    prepare_main([])
    return True


class MissingMigration(Exception):
    pass


def run_tests(labels: list[str], exclude: list[str]) -> object:
    _setup()
    from django.conf import settings
    from django.test.utils import get_runner

    from course.apps import fast_hashers_first

    # The stage's own runner (TEST_RUNNER: project/'s hashes passwords fast), as `manage.py test`.
    StageRunner = get_runner(settings)
    excluded = set(exclude)
    failures: list[dict] = []
    counts = {"ran": 0}

    class Runner(StageRunner):
        def setup_test_environment(self, **kwargs):
            super().setup_test_environment(**kwargs)
            settings.PASSWORD_HASHERS = fast_hashers_first(settings.PASSWORD_HASHERS)

        def setup_databases(self, **kwargs):
            with kept_test_database(Path.cwd()):  # migrated once per schema (test_db.py)
                return super().setup_databases(**kwargs)

        def build_suite(self, *args, **kwargs):
            suite = super().build_suite(*args, **kwargs)
            kept = unittest.TestSuite()
            for test in _flatten(suite):
                test_id = test.id()
                if not any(
                    test_id == label or test_id.startswith(label + ".") for label in excluded
                ):
                    kept.addTest(test)
            return kept

        def run_suite(self, suite, **kwargs):
            counts["tests"] = [test.id() for test in _flatten(suite)]
            result = unittest.TextTestRunner(stream=io.StringIO(), verbosity=0).run(suite)
            counts["ran"] = result.testsRun
            for test, text in result.failures + result.errors:
                if test.id().startswith("unittest.loader._FailedTest."):  # a label that is no test
                    name = test.id().removeprefix("unittest.loader._FailedTest.")
                    name = next((label for label in labels if label.endswith(name)), name)
                    message = f"there is no test {name} (a typo, or its module does not import)"
                    failures.append({"test": name, "message": message})
                    continue
                failures.append({"test": test.id(), "message": _first_line(text)})
            return result

    Runner(verbosity=0, interactive=False).run_tests(labels or ["articles"])
    return {"ran": counts["ran"], "tests": counts.get("tests", []), "failures": failures}


def _flatten(suite):
    for test in suite:
        if isinstance(test, unittest.TestSuite):
            yield from _flatten(test)
        else:
            yield test


def _first_line(text: str) -> str:
    """The exception line at the end of a traceback, its first line only."""
    lines = text.strip().splitlines()
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        if not line.startswith(" ") and ("Error" in line or "Exception" in line) and ":" in line:
            return line.strip()
    return lines[-1].strip() if lines else "failed"


def run_code(code: str) -> object:
    _setup()
    namespace: dict = {"__name__": "__check__"}
    exec(compile(code, "<check>", "exec"), namespace)
    return namespace.get("result")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course.exercises.runner")
    sub = parser.add_subparsers(dest="what", required=True)
    sub.add_parser("prepare")
    p = sub.add_parser("tests")
    p.add_argument("labels", nargs="*")
    p.add_argument("--exclude", action="append", default=[])
    sub.add_parser("code")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_DEBUG", "1")
    try:
        if args.what == "prepare":
            value = prepare()
        elif args.what == "tests":
            value = run_tests(args.labels, args.exclude)
        else:
            value = run_code(sys.stdin.read())
    except MissingMigration as exc:
        print(ERROR + str(exc), file=sys.stderr)
        return 1
    except BaseException as exc:  # the learner's mistake, as one line
        if isinstance(exc, KeyboardInterrupt):
            raise
        print(ERROR + explain(exc), file=sys.stderr)
        return 1
    sys.stdout.flush()
    print("\n" + RESULT + json.dumps(value, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
