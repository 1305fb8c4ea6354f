"""project/, the finished API: its own tests on SQLite and on PostgreSQL, the fuzzer, its notebooks."""

import os
import subprocess
import sys

import pytest

from course.notebook_server import SERVER_STAGE_ENV, SERVER_URL_ENV
from course.kernel import KERNEL_NAME
from course.site.execute import keep_course_notebook
from course.run import dev_env, run_manage
from course.stages import PROJECT, ROOT
from course.testing import execute_notebook

POSTGRES_URL = os.environ.get("COURSE_POSTGRES_URL")  # .ci/run starts PostgreSQL and sets it


def run(args, env=None, timeout=900):
    if args[:2] == [sys.executable, "manage.py"]:
        return run_manage(PROJECT, *args[2:], check=False, capture=True, env=env, timeout=timeout)
    return subprocess.run(
        args,
        cwd=PROJECT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=dev_env(env),
        timeout=timeout,
    )


def test_project_tests_pass_on_sqlite():
    proc = run([sys.executable, "manage.py", "test", "--noinput"], env={"DATABASE_URL": ""})
    assert proc.returncode == 0, proc.stdout + proc.stderr[-5000:]
    assert "\nOK" in proc.stderr


@pytest.mark.skipif(
    not POSTGRES_URL and not os.environ.get("CI"),
    reason="no PostgreSQL here: set COURSE_POSTGRES_URL (CI does)",
)
def test_project_tests_pass_on_postgresql():
    assert POSTGRES_URL, "CI must provide COURSE_POSTGRES_URL (see .ci/run)"
    # The settings tests use no database; the SQLite run has them.
    proc = run(
        [sys.executable, "manage.py", "test", "--noinput", "--exclude-tag", "no_database"],
        env={"DATABASE_URL": POSTGRES_URL},
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr[-5000:]
    assert (
        "postgresql"
        in run(
            [
                sys.executable,
                "manage.py",
                "shell",
                "-c",
                "from django.db import connection; print(connection.vendor)",
            ],
            env={"DATABASE_URL": POSTGRES_URL},
        ).stdout
    )


def test_fuzzing_the_schema_finds_no_server_error_and_no_schema_violation():
    proc = run([sys.executable, str(PROJECT / "scripts" / "fuzz.py")], timeout=600)
    assert proc.returncode == 0, proc.stdout[-5000:] + proc.stderr[-3000:]


# In the kernel each names (Python 3), and once in the "Django Shell-Plus" kernel a learner may pick.
# On the site's worker, before it: the site reuses what these execute (course.site.execute).
@pytest.mark.xdist_group("site")
@pytest.mark.parametrize(
    "name, kernel",
    [("project_jwt", None), ("project_performance", None), ("project_jwt", KERNEL_NAME)],
)
def test_project_notebook_runs_against_a_live_server(name, kernel, tmp_path, monkeypatch):
    """On a throwaway SQLite file, so the learner's project/db.sqlite3 is never touched."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{(tmp_path / 'db.sqlite3').as_posix()}")
    monkeypatch.delenv(SERVER_URL_ENV, raising=False)
    monkeypatch.delenv(SERVER_STAGE_ENV, raising=False)
    path = ROOT / "notebooks" / f"{name}.ipynb"
    nb = execute_notebook(path, cwd=ROOT / "notebooks", timeout=300, kernel_name=kernel)
    if kernel is None:  # the notebook's own kernel, as the site runs it
        keep_course_notebook(path, nb)
