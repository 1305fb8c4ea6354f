"""``manage.py shell_plus --notebook`` and ``--lab`` start on Notebook 7 / JupyterLab 4, and the
Django kernel they register runs ORM code (no ``SynchronousOnlyOperation``)."""

import subprocess
import sys

import pytest
import requests
from jupyter_client.manager import start_new_kernel

from course.server import free_port, port_busy, stop_process

from .conftest import AS_ROOT
from .test_cli import wait_for

ORM_CELL = "from articles.models import Article\nprint(Article.objects.count())"


def run_cell(client, code, timeout=60):
    """Execute ``code`` in a kernel; return (stdout text, error name or None)."""
    msg_id = client.execute(code)
    out, error = [], None
    while True:
        msg = client.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind, content = msg["msg_type"], msg["content"]
        if kind == "stream":
            out.append(content["text"])
        elif kind == "error":
            error = content["ename"]
        elif kind == "status" and content["execution_state"] == "idle":
            return "".join(out), error


@pytest.fixture
def prepared01(stage01):
    from course.stages import prepare

    prepare(stage01)
    return stage01


@pytest.mark.parametrize("runner", ["--notebook", "--lab"])
def test_shell_plus_starts_jupyter_and_its_kernel_runs_orm_code(prepared01, runner):
    port, token = free_port(), "shell-plus-test"
    server = subprocess.Popen(
        [sys.executable, "manage.py", "shell_plus", runner, "--no-browser", "--",
         f"--port={port}", f"--ServerApp.token={token}", *AS_ROOT],
        cwd=prepared01.path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        status = wait_for(f"http://127.0.0.1:{port}/api/status", params={"token": token})
        assert status.status_code == requests.codes.ok
        specs = requests.get(f"http://127.0.0.1:{port}/api/kernelspecs",
                             params={"token": token}).json()["kernelspecs"]
        spec = specs["django_extensions"]["spec"]
        assert spec["display_name"] == "Django Shell-Plus"
        assert spec["env"]["DJANGO_ALLOW_ASYNC_UNSAFE"] == "true"  # for the kernel alone
        page = "/tree" if runner == "--notebook" else "/lab"
        assert requests.get(f"http://127.0.0.1:{port}{page}",
                            params={"token": token}).status_code == requests.codes.ok

        # The kernel that spec starts: shell_plus's models are imported, and the ORM works.
        manager, client = start_new_kernel(kernel_name="django_extensions", cwd=str(prepared01.path))
        try:
            out, error = run_cell(client, ORM_CELL)
            assert error is None, error
            assert out.strip() == "4"  # the stage's fixture articles
            out, error = run_cell(client, "print(Article.__module__, 'DJANGO_ALLOW_ASYNC_UNSAFE' in __import__('os').environ)")
            assert out.split() == ["articles.models", "True"]
        finally:
            client.stop_channels()
            manager.shutdown_kernel(now=True)
    finally:
        stop_process(server, timeout=30)
    assert not port_busy(port)


def test_web_server_never_gets_the_async_unsafe_switch(prepared01):
    """Settings stay clean: only the kernel spec sets DJANGO_ALLOW_ASYNC_UNSAFE."""
    for path in prepared01.path.rglob("*.py"):
        assert "DJANGO_ALLOW_ASYNC_UNSAFE" not in path.read_text(encoding="utf-8"), path
