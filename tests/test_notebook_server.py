"""Which server a notebook's first cell uses, walked the way a learner works by hand.

A lesson README says: `python manage.py runserver` in one terminal, the notebook in another. The
notebook must then talk to that server, say so, and start a hidden one only when none runs; a
hidden one must not outlive its kernel, even a killed one.
"""

import os
import re
import signal
import subprocess
import sys
import time

import pytest
from jupyter_client.manager import start_new_kernel

from course.kernel import KERNEL_NAME, install_spec
from course.notebook_server import PORT_ENV
from course.processes import answers, free_port, port_busy
from course.run import dev_env
from course.stages import resolve
from course.testing import copy_stage, execute_notebook, run_cell

FIRST_CELLS = 4  # lesson 01: set-up, imports, a raw request, its checkpoint


def wait_until(condition, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.fixture
def stage01(tmp_path):
    return copy_stage(resolve("01"), tmp_path)


def test_notebook_uses_the_learners_own_runserver(stage01, tmp_path):
    port = free_port()
    log = tmp_path / "runserver.log"
    with open(log, "w", encoding="utf-8") as out:
        learner = subprocess.Popen(  # the learner's terminal: with the auto-reloader, as typed
            [sys.executable, "manage.py", "runserver", str(port)],
            cwd=stage01.path,
            env=dev_env({"PYTHONUNBUFFERED": "1"}),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        assert wait_until(lambda: answers(f"http://127.0.0.1:{port}/")), log.read_text()
        # Another port than 8000: the learner names it, as the README says.
        nb = execute_notebook(
            stage01.notebook, cwd=stage01.path, cells=FIRST_CELLS, env={PORT_ENV: str(port)}
        )
    finally:
        os.killpg(learner.pid, signal.SIGINT)  # Ctrl-C in the learner's terminal
        learner.wait(timeout=30)
    said = "".join(
        o.get("text", "")
        for o in nb.cells[next(i for i, c in enumerate(nb.cells) if c.cell_type == "code")].outputs
    )
    assert f"Using http://127.0.0.1:{port}: `python manage.py runserver`" in said, said
    requests_seen = log.read_text(encoding="utf-8")
    assert '"GET /echo/hello?lang=ko HTTP/1.1" 200' in requests_seen, requests_seen


def test_a_named_port_that_nothing_answers_is_a_clear_error(stage01):
    port = free_port()
    install_spec()
    manager, client = start_new_kernel(kernel_name=KERNEL_NAME, cwd=str(stage01.path))
    try:
        out, error = run_cell(
            client, f"from course.notebook import live_server\nlive_server(port={port})"
        )
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    assert error and f"nothing answers on port {port}" in error and "runserver" in error


def test_a_hidden_server_dies_with_a_killed_kernel(stage01):
    install_spec()
    manager, client = start_new_kernel(kernel_name=KERNEL_NAME, cwd=str(stage01.path))
    try:
        out, error = run_cell(
            client,
            "from course.notebook import setup, live_server\n"
            "stage = setup()\nserver = live_server()",
            timeout=120,
        )
        assert error is None, error
        assert "no server of 01_http_uri answered" in out and "stops with the kernel" in out
        port = int(re.search(r"Using http://127\.0\.0\.1:(\d+):", out).group(1))
        assert port_busy(port)
        # No clean shutdown: SIGKILL, as when Jupyter is killed and its kernel goes with it.
        manager.provisioner.process.kill()
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    assert wait_until(lambda: not port_busy(port), timeout=30), (
        "the hidden server outlived its kernel"
    )
