"""Every ``python -m course`` command, run as a subprocess the way a learner types it."""

import os
import subprocess
import sys
import time

import pytest
import requests

from course import cli
from course.commands import guard, suite
from course.processes import free_port, interrupt, own_group, port_busy, wait_until_answers
from course.stages import lessons, resolve

from .conftest import AS_ROOT, ROOT, course


def wait_for(url, timeout=60, params=None):
    """The first answer at ``url`` once something listens there."""
    wait_until_answers(url, timeout=timeout)
    return requests.get(url, params=params, timeout=10)


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


def test_lab_without_a_stage_lists_the_stages():
    proc = course("lab")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    for stage in lessons():
        assert stage.name in proc.stdout
    assert "python -m course lab 01" in proc.stderr


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


def start_lab(stage, port, jupyter_port, *flags):
    """``course lab`` of ``stage`` with no browser, its server on ``port`` and Jupyter on
    ``jupyter_port``, in its own process group (see start_in_own_group)."""
    return start_in_own_group(
        [
            sys.executable,
            "-m",
            "course",
            "lab",
            str(stage.path),
            *flags,
            "--port",
            str(port),
            "--no-browser",
            "--",
            f"--port={jupyter_port}",
            *AS_ROOT,
        ]
    )


def start_in_own_group(args):
    """Start a command as a learner's terminal would, so a 'Ctrl-C' reaches all of it."""
    return subprocess.Popen(
        args,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        **own_group(),
    )


def test_serve_gives_a_fresh_database_and_prints_urls_worth_trying(stage01):
    port = free_port()
    proc = start_in_own_group(
        [sys.executable, "-m", "course", "serve", str(stage01.path), "--port", str(port)]
    )
    try:
        response = wait_for(f"http://127.0.0.1:{port}/articles/")
        assert response.status_code == requests.codes.ok
        assert "What is HTTP?" in response.text  # the stage's fixture data
    finally:
        interrupt(proc)
        out, _ = proc.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}/articles/" in out
    assert f"http://127.0.0.1:{port}/echo/" in out
    assert not port_busy(port), "the server outlived Ctrl-C"


def test_lab_starts_server_and_jupyterlab_and_ctrl_c_stops_both(stage01):
    port, jupyter_port, token = free_port(), free_port(), "course-test-token"
    proc = start_in_own_group(
        [
            sys.executable,
            "-m",
            "course",
            "lab",
            str(stage01.path),
            "--port",
            str(port),
            "--no-browser",
            "--",
            f"--port={jupyter_port}",
            f"--ServerApp.token={token}",
            *AS_ROOT,
        ]
    )
    try:
        assert wait_for(f"http://127.0.0.1:{port}/articles/").status_code == requests.codes.ok
        status = wait_for(f"http://127.0.0.1:{jupyter_port}/api/status", params={"token": token})
        assert status.status_code == requests.codes.ok
        contents = requests.get(
            f"http://127.0.0.1:{jupyter_port}/api/contents/lesson.ipynb",
            params={"token": token, "content": 0},
        )
        assert contents.status_code == requests.codes.ok  # Jupyter serves the stage folder
    finally:
        interrupt(proc)
        out, _ = proc.communicate(timeout=60)
    assert proc.returncode in (0, 130), out
    assert not port_busy(port), "the stage's server outlived Ctrl-C"
    assert not port_busy(jupyter_port), "Jupyter outlived Ctrl-C"


def test_test_command_runs_one_stage_through_pytest():
    proc = course("test", "01", "--collect-only", "-q", timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    collected = [line for line in proc.stdout.splitlines() if "::" in line]
    assert collected and all("01_http_uri" in line for line in collected)


def test_client_serves_the_lesson_page_on_its_own_origin_until_ctrl_c():
    stage = next((s for s in lessons() if (s.path / "client" / "index.html").exists()), None)
    assert stage is not None, "lesson 06 ships a browser client"
    port = free_port()
    proc = start_in_own_group(
        [sys.executable, "-m", "course", "client", stage.name[:2], "--port", str(port)]
    )
    try:
        page = wait_for(f"http://127.0.0.1:{port}/")
        assert page.status_code == requests.codes.ok and "<script" in page.text
        assert requests.get(f"http://127.0.0.1:{port}/app.js").status_code == requests.codes.ok
    finally:
        interrupt(proc)
        out, _ = proc.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}/" in out
    # Another port is the lesson's "add another allowed origin" exercise: the answer is not printed.
    assert "COURSE_CORS" not in out and "CORS_ALLOWED_ORIGINS" not in out and "Exercises" in out
    assert not port_busy(port)


def test_client_of_a_stage_without_one_is_one_line_and_exit_code_2():
    proc = course("client", "01")
    assert proc.returncode == 2 and "has no browser client" in proc.stderr


@pytest.mark.skipif(os.name == "nt", reason="SIGTERM is POSIX; Windows closes the console instead")
def test_lab_leaves_nothing_running_when_its_terminal_goes_away(stage01):
    """SIGTERM reaches only `course lab` (a closed terminal, a kill): it still stops the rest."""
    port, jupyter_port = free_port(), free_port()
    proc = start_lab(stage01, port, jupyter_port)
    try:
        wait_for(f"http://127.0.0.1:{jupyter_port}/api/status")
    finally:
        proc.terminate()  # SIGTERM to the command alone, not to its group
        proc.communicate(timeout=60)
    assert not port_busy(port), "the stage's server outlived its `course lab`"
    assert not port_busy(jupyter_port), "Jupyter outlived its `course lab`"


def test_serve_asks_before_replacing_a_database(stage01):
    import sqlite3

    from course.database import prepare

    prepare(stage01)
    with sqlite3.connect(stage01.db) as db:  # the learner's own data
        db.execute(
            "INSERT INTO articles_article (title, content, created_at, updated_at) "
            "VALUES ('mine', 'kept', '2026-01-01', '2026-01-01')"
        )
    refused = course("serve", str(stage01.path), "--port", str(free_port()))  # no terminal
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1, refused.stderr
    assert "--yes" in refused.stderr and "--keep" in refused.stderr
    assert (
        sqlite3.connect(stage01.db)
        .execute("SELECT COUNT(*) FROM articles_article WHERE title = 'mine'")
        .fetchone()[0]
        == 1
    )


@pytest.mark.skipif(os.name == "nt", reason="a pseudo-terminal is POSIX")
def test_serve_answered_no_keeps_the_database(stage01):
    import pty
    import select
    import sqlite3

    from course.database import prepare

    prepare(stage01)
    with sqlite3.connect(stage01.db) as db:
        db.execute("UPDATE articles_article SET title = 'mine' WHERE id = 1")
    port = free_port()
    main, terminal = pty.openpty()  # serve runs in a terminal, as a learner's
    proc = subprocess.Popen(
        [sys.executable, "-m", "course", "serve", str(stage01.path), "--port", str(port)],
        cwd=ROOT,
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        start_new_session=True,
    )
    os.close(terminal)
    said = b""
    try:
        deadline = time.monotonic() + 60
        while b"[y/N]" not in said and time.monotonic() < deadline:
            if select.select([main], [], [], 1)[0]:
                said += os.read(main, 1024)
        assert b"delete" in said and b"db.sqlite3" in said, said
        os.write(main, b"n\n")
        response = wait_for(f"http://127.0.0.1:{port}/articles/1/")
        assert "mine" in response.text  # served as it was
        while select.select([main], [], [], 0.5)[0]:
            said += os.read(main, 4096)
    finally:
        interrupt(proc)
        proc.wait(timeout=30)
        os.close(main)
    assert b"Keeping the database" in said


@pytest.mark.parametrize("name", ["06", "project"])
def test_serve_prints_urls_a_person_can_click(name, tmp_path):
    from course.testing import copy_stage

    stage = copy_stage(resolve(name), tmp_path, ready=False)
    port = free_port()
    proc = start_in_own_group(
        [sys.executable, "-m", "course", "serve", str(stage.path), "--port", str(port)]
    )
    lines = []
    try:
        for line in proc.stdout:
            lines.append(line)
            if line.startswith("Ctrl-C"):
                break
        urls = [line.strip() for line in lines if line.startswith(f"  http://127.0.0.1:{port}/")]
        assert urls, "".join(lines)
        wait_for(urls[0], timeout=120)  # the URLs come first, then runserver starts
        for url in urls:
            assert not set(url) & set("<>()?[]^$\\"), url  # no route pattern left
            response = requests.get(url, timeout=30)
            assert response.status_code != 404 and response.status_code < 500, (url, response)
        assert f"http://127.0.0.1:{port}/api/v1/articles/1/" in urls
    finally:
        interrupt(proc)
        proc.communicate(timeout=30)
    assert not port_busy(port)


@pytest.mark.parametrize("runner", ["lab", "notebook"])
def test_lab_prints_the_url_that_opens_the_notebook_last(stage01, runner):
    port, jupyter_port = free_port(), free_port()
    flags = ["--notebook"] if runner == "notebook" else []
    proc = start_lab(stage01, port, jupyter_port, *flags)
    page = "notebooks/lesson.ipynb" if runner == "notebook" else "lab/tree/lesson.ipynb"
    lines = []
    try:
        for line in proc.stdout:  # Jupyter's own banner, then ours
            lines.append(line)
            if f"/{page}?token=" in line:
                break
        url = lines[-1].split(": ", 1)[1].strip()
        response = requests.get(url, timeout=10)
        assert response.status_code == requests.codes.ok
        jupyters = [i for i, line in enumerate(lines) if "?token=" in line]
        assert jupyters[-1] == len(lines) - 1 and len(jupyters) > 1, "".join(lines)  # ours, last
    finally:
        interrupt(proc)
        out, _ = proc.communicate(timeout=60)
    app = "Jupyter Notebook" if runner == "notebook" else "JupyterLab"
    assert f"Ctrl-C stops {app} and the server." in "".join(lines)
    assert not port_busy(port) and not port_busy(jupyter_port)


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
