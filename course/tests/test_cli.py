"""Every ``python -m course`` command, run as a subprocess the way a learner types it."""

import os
import subprocess
import sys

import pytest

from course import cli
from course.commands import guard, suite
from course.stages import lessons, resolve

from .conftest import ROOT, course


def test_list_names_every_stage_with_title_and_database_state():
    proc = course("list")
    assert proc.returncode == 0, proc.stderr
    for stage in lessons():
        line = next(line for line in proc.stdout.splitlines() if line.startswith(stage.name))
        assert stage.title in line
        assert "database:" in line


@pytest.mark.parametrize("name", ["01", "1", "01_http_uri", "lessons/01_http_uri"])
def test_a_stage_can_be_named_several_ways(name):
    assert resolve(name).name == "01_http_uri"


@pytest.mark.parametrize(
    "command",
    [
        ["lab", "99"],
        ["serve", "nope"],
        ["reset", "42", "--yes"],
        ["diff", "01", "77"],
        ["test", "abc"],
    ],
)
def test_unknown_stage_is_one_line_and_exit_code_2(command):
    proc = course(*command)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "unknown stage" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_missing_dependency_is_one_line_and_exit_code_2(monkeypatch, capsys):
    real = guard.importlib.util.find_spec
    monkeypatch.setattr(
        guard.importlib.util,
        "find_spec",
        lambda name, *a: None if name == "jupyterlab" else real(name, *a),
    )
    assert cli.main(["lab", "01"]) == 2
    err = capsys.readouterr().err
    assert "missing dependency 'jupyterlab'" in err and "pip install -r requirements.txt" in err
    assert "activate" in err and ".venv" in err


def test_test_without_the_environment_is_one_line(monkeypatch, capsys):
    """Outside the virtual environment Django is missing: one line, not pytest's import errors."""
    real = guard.importlib.util.find_spec
    monkeypatch.setattr(
        guard.importlib.util,
        "find_spec",
        lambda name, *a: None if name == "django" else real(name, *a),
    )
    assert cli.main(["test", "01"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "missing dependency 'django'" in err and "activate" in err


def test_list_into_a_pipe_closed_early_ends_quietly():
    """`python -m course list | head -1`: the reader is gone before we write."""
    read, write = os.pipe()
    os.close(read)
    proc = subprocess.run(
        [sys.executable, "-m", "course", "list"],
        cwd=ROOT,
        stdout=write,
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
    )
    os.close(write)
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr


def test_busy_port_is_one_line_and_exit_code_2():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        for command in (["serve", "01", "--port", str(port)], ["lab", "01", "--port", str(port)]):
            proc = course(*command)
            assert proc.returncode == 2, proc.stdout + proc.stderr
            assert f"port {port} is busy" in proc.stderr and "Traceback" not in proc.stderr


def test_diff_shows_only_what_the_lesson_changed():
    stages = lessons()
    if len(stages) < 2:
        pytest.skip("needs two stages")
    a, b = stages[0], stages[1]
    proc = course("diff", a.name[:2], b.name[:2])
    assert proc.returncode == 0, proc.stderr
    assert f"+++ {b.name}/" in proc.stdout
    headers = [line for line in proc.stdout.splitlines() if line.startswith(("+++ ", "--- "))]
    for noise in ("db.sqlite3", "__pycache__", ".ipynb", ".pyc"):
        assert not [line for line in headers if noise in line]
    stat = course("diff", a.name, b.name, "--stat")
    assert "files changed" in stat.stdout


def test_diff_of_a_stage_with_itself_is_empty():
    assert course("diff", "01", "01").stdout == ""
    assert course("diff", "01", "01", "--stat").stdout.strip() == "no changes"


def test_reset_asks_first_and_rebuilds_only_the_database(stage01):
    path = str(stage01.path)
    refused = course("reset", path)  # no terminal to ask on: refuses, changes nothing
    assert refused.returncode == 2 and "--yes" in refused.stderr
    assert not stage01.db.exists()
    marker = stage01.path / "articles" / "keep.txt"
    marker.write_text("learner's file")
    done = course("reset", path, "--yes")
    assert done.returncode == 0, done.stderr
    assert stage01.db.exists() and marker.exists()
    import sqlite3

    rows = (
        sqlite3.connect(stage01.db).execute("SELECT COUNT(*) FROM articles_article").fetchone()[0]
    )
    assert rows == 4  # the stage's fixtures


def test_test_command_runs_one_stage_through_pytest():
    proc = course("test", "01", "--collect-only", "-q", timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    collected = [line for line in proc.stdout.splitlines() if "::" in line]
    assert collected and all("01_http_uri" in line for line in collected)


def test_test_command_runs_in_parallel_unless_told_otherwise():
    workers = suite.test_workers(["-k", "contract", "-p", "no:cacheprovider"])
    assert workers[0] == "-n" and int(workers[1]) >= 1 and workers[2:] == ["--dist", "loadgroup"]
    for chosen in (
        ["-n", "0"],
        ["-n0"],
        ["--numprocesses=2"],
        ["-p", "no:xdist"],
        ["--collect-only"],
    ):
        assert suite.test_workers(chosen) == [], chosen
