"""``manage.py shell_plus --notebook`` and ``--lab`` start on Notebook 7 / JupyterLab 4 (also as root,
with ``--allow-root``), and the Django kernel they register runs ORM code (no
``SynchronousOnlyOperation``) for the stage of the folder it starts in, whichever stage wrote it."""

import subprocess
import sys

import pytest
import requests
from jupyter_client.manager import start_new_kernel

from course.processes import free_port, port_busy, stop_process

from course.testing import run_cell

from .conftest import AS_ROOT
from .conftest import wait_for

ORM_CELL = "from articles.models import Article\nprint(Article.objects.count())"


@pytest.fixture
def prepared01(stage01):
    from course.database import prepare

    prepare(stage01)
    return stage01


@pytest.mark.parametrize("runner", ["--notebook", "--lab"])
def test_shell_plus_starts_jupyter_and_its_kernel_runs_orm_code(prepared01, runner):
    port, token = free_port(), "shell-plus-test"
    server = subprocess.Popen(
        # --allow-root the way a learner types it (as root Jupyter wants it), not after "--"
        [
            sys.executable,
            "manage.py",
            "shell_plus",
            runner,
            "--no-browser",
            *AS_ROOT,
            "--",
            f"--port={port}",
            f"--ServerApp.token={token}",
        ],
        cwd=prepared01.path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        status = wait_for(f"http://127.0.0.1:{port}/api/status", params={"token": token})
        assert status.status_code == requests.codes.ok
        specs = requests.get(
            f"http://127.0.0.1:{port}/api/kernelspecs", params={"token": token}
        ).json()["kernelspecs"]
        spec = specs["django_extensions"]["spec"]
        assert spec["display_name"] == "Django Shell-Plus"
        assert spec["env"]["DJANGO_ALLOW_ASYNC_UNSAFE"] == "true"  # for the kernel alone
        # The spec names no stage: the kernel finds it from the notebook's folder.
        assert "course.kernel" in spec["argv"] and str(prepared01.path) not in str(spec)
        page = "/tree" if runner == "--notebook" else "/lab"
        assert (
            requests.get(f"http://127.0.0.1:{port}{page}", params={"token": token}).status_code
            == requests.codes.ok
        )

        # The kernel that spec starts: shell_plus's models are imported, and the ORM works.
        manager, client = start_new_kernel(
            kernel_name="django_extensions", cwd=str(prepared01.path)
        )
        try:
            out, error = run_cell(client, ORM_CELL)
            assert error is None, error
            assert out.strip() == "4"  # the stage's fixture articles
            out, error = run_cell(
                client,
                "print(Article.__module__, 'DJANGO_ALLOW_ASYNC_UNSAFE' in __import__('os').environ)",
            )
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


def test_the_django_kernel_follows_the_notebooks_folder(prepared01, tmp_path):
    """One spec for every stage: started in another stage's folder it runs that stage's Django,
    outside a stage a plain Python kernel (what notebooks/ needs)."""
    from course.kernel import KERNEL_NAME, install_spec
    from course.stages import resolve
    from course.testing import copy_stage

    install_spec()
    other = copy_stage(resolve("02"), tmp_path / "other", ready=False)
    for folder, expected in (
        (prepared01.path, "01_http_uri"),
        (other.path, "02_rest_json"),
        (tmp_path, "no stage"),
    ):
        manager, client = start_new_kernel(kernel_name=KERNEL_NAME, cwd=str(folder))
        try:
            out, error = run_cell(
                client,
                "from course.notebook_stage import _stage\nprint(_stage.name if _stage else 'no stage')",
            )
            assert error is None, error
            assert out.strip() == expected
        finally:
            client.stop_channels()
            manager.shutdown_kernel(now=True)
