"""`course lab` as the learner lives in it (issue 18, items 1-5): an edit to the copy reaches the
server, the server's console shows in lab's terminal and stays in a log the notebook can read, a
syntax error is named at once, the first link answers, and stopping lab stops every process it
started (the autoreloader's child too).
"""

from __future__ import annotations

import os
import threading
import time

import psutil
import requests

from course.commands.lab import lab_notebooks
from course.processes import free_port, interrupt
from course.server import LiveServer
from course.database import prepare
from course.stages import ROOT, resolve

from .conftest import course
from .conftest import start_lab

ECHO_RETURN = "    return JsonResponse(received"


def poll(condition, timeout=60):
    """Wait for ``condition()`` to be true; the last value (no timing is asserted)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    return condition()


def echo(port):
    try:
        return requests.get(f"http://127.0.0.1:{port}/echo/", timeout=5).json()
    except (requests.RequestException, ValueError):
        return {}


def test_lab_reloads_an_edit_shows_and_keeps_the_server_log_and_stops_every_process(stage01):
    port, jupyter_port = free_port(), free_port()
    proc = start_lab(stage01, port, jupyter_port)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(proc.stdout), daemon=True)
    reader.start()
    servers = []
    try:
        link = poll(lambda: next((ln for ln in list(lines) if "live server:" in ln), None))
        assert link, "".join(lines)
        url = link.split("live server:", 1)[1].strip()
        assert url != f"http://127.0.0.1:{port}/", "the first link is a route of the stage"
        assert requests.get(url, timeout=10).status_code == requests.codes.ok

        servers = [
            p
            for p in psutil.Process(proc.pid).children(recursive=True)
            if f"127.0.0.1:{port}" in " ".join(p.cmdline())
        ]
        assert len(servers) >= 2, "runserver with its autoreloader: a parent and its child"

        views = stage01.path / "articles" / "views.py"
        text = views.read_text(encoding="utf-8")
        assert text.count(ECHO_RETURN) == 1
        views.write_text(
            text.replace(ECHO_RETURN, "    received['edited'] = True\n" + ECHO_RETURN),
            encoding="utf-8",
        )

        saved = [time.monotonic()]

        def edited():
            # Django's StatReloader takes each file's time on its first pass, which on a loaded
            # machine can come after this write; a later save (a newer time) is what it reacts to.
            if echo(port).get("edited"):
                return True
            if time.monotonic() - saved[-1] > 10:
                os.utime(views)
                saved.append(time.monotonic())
            return False

        assert poll(edited, timeout=90), "the edit never reached lab's server"

        assert poll(lambda: any(ln.startswith("[server] ") and "/echo/" in ln for ln in lines))
        log = stage01.path / "server.log"
        assert '"GET /echo/ HTTP/1.1" 200' in log.read_text(encoding="utf-8")
    finally:
        interrupt(proc)
        proc.communicate(timeout=60)
    assert servers and not any(p.is_running() and p.status() != "zombie" for p in servers), (
        "a server process outlived lab"
    )
    assert "server.log" in "".join(lines)


def test_lab_names_a_syntax_error_at_once(stage01):
    views = stage01.path / "articles" / "views.py"
    views.write_text(views.read_text(encoding="utf-8") + "\ndef broken(:\n", encoding="utf-8")
    result = course("lab", str(stage01.path), "--no-browser")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "articles/views.py, line" in result.stderr
    assert "SyntaxError" in result.stderr and "Preparing" not in result.stdout


def test_the_notebook_reads_the_server_log(stage01, capsys):
    prepare(stage01)
    with LiveServer(stage01.path) as server:
        requests.get(server.url + "/articles/", timeout=10)
        poll(lambda: "/articles/" in server.log_text, timeout=10)
        server.log(5)
    assert '"GET /articles/ HTTP/1.1" 200' in capsys.readouterr().out


def test_lab_project_opens_the_project_notebooks_viewsets_first():
    notebooks, root = lab_notebooks(resolve("project"))
    assert root == ROOT / "notebooks"
    assert notebooks[0].name == "project_viewsets.ipynb" and all(n.exists() for n in notebooks)
