"""The commands that start a server, ``lab``, ``serve`` and ``client``, run as a subprocess the
way a learner types them: what they print, the database they ask about, and Ctrl-C (or a closed
terminal) leaving nothing running."""

import os
import subprocess
import sys
import time

import pytest
import requests

from course.processes import free_port, interrupt, port_busy
from course.stages import lessons, resolve

from .conftest import ROOT, course, start_in_own_group, start_lab, wait_for


def test_lab_without_a_stage_lists_the_stages():
    proc = course("lab")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    for stage in lessons():
        assert stage.name in proc.stdout
    assert "python -m course lab 01" in proc.stderr


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
def test_lab_serves_the_stage_prints_the_notebook_url_last_and_ctrl_c_stops_both(stage01, runner):
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
        response = requests.get(url, timeout=10)  # Jupyter serves the stage's notebook
        assert response.status_code == requests.codes.ok
        assert wait_for(f"http://127.0.0.1:{port}/articles/").status_code == requests.codes.ok
        jupyters = [i for i, line in enumerate(lines) if "?token=" in line]
        assert jupyters[-1] == len(lines) - 1 and len(jupyters) > 1, "".join(lines)  # ours, last
    finally:
        interrupt(proc)
        out, _ = proc.communicate(timeout=60)
    assert proc.returncode in (0, 130), out
    app = "Jupyter Notebook" if runner == "notebook" else "JupyterLab"
    assert f"Ctrl-C stops {app} and the server." in "".join(lines)
    assert not port_busy(port) and not port_busy(jupyter_port)
