"""``.devcontainer/devcontainer.json``: its set-up runs on a fresh clone, and a stage opened by
``course serve`` with its environment answers a forwarded URL's host and origin (Codespaces)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import sysconfig
from pathlib import Path

import requests

from course.processes import free_port, interrupt, own_group, port_busy, wait_until_answers

from .conftest import ROOT

CONFIG = json.loads(Path(ROOT, ".devcontainer", "devcontainer.json").read_text(encoding="utf-8"))
# Left out of the clone's view of this environment: pip builds the clone with setuptools of its own,
# and this checkout's own install must stay out of reach of pip's uninstall.
SKIP = (
    "setuptools",
    "pkg_resources",
    "_distutils",
    "distutils",
    "pip",
    "drf_course",
    "__editable__",
)
FORWARDED = "learner-x1y2-8000.app.github.dev"  # what a codespace's forwarded port is called


def test_it_forwards_the_ports_lab_01_listens_on():
    start = CONFIG["postAttachCommand"]
    assert "python -m course lab 01" in start
    server = re.search(r"--port (\d+)", start).group(1)
    jupyter = re.search(r"--port=(\d+)", start).group(1)
    assert {int(server), int(jupyter), 8080} <= set(CONFIG["forwardPorts"])
    assert "allow_remote_access=True" in start  # Jupyter answers a host name that is not local


def test_its_set_up_commands_run_on_a_fresh_clone(tmp_path):
    """The clone gets a virtual environment that sees this one's packages (no downloads), then the
    postCreateCommand runs there as the container's shell would run it."""
    clone = tmp_path / "course"
    subprocess.run(
        ["git", "clone", "--quiet", "--depth", "1", f"file://{ROOT}", str(clone)], check=True
    )
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    site = subprocess.run(
        [
            str(bin_dir / "python"),
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['purelib'])",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # This environment's packages (see SKIP), linked.
    packages = tmp_path / "packages"
    packages.mkdir()
    for entry in Path(sysconfig.get_paths()["purelib"]).iterdir():
        if not entry.name.startswith(SKIP):
            (packages / entry.name).symlink_to(entry)
    Path(site, "course-packages.pth").write_text(f"{packages}\n")
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
    }
    env.pop("VIRTUAL_ENV", None)
    proc = subprocess.run(
        CONFIG["postCreateCommand"],
        shell=True,
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "01_http_uri" in proc.stdout  # `course list`, from the clone's own course package
    where = subprocess.run(
        [str(bin_dir / "python"), "-c", "import course; print(course.__file__)"],
        cwd=venv,  # not tmp_path: there the clone's folder "course" is a namespace package
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert str(clone) in where  # installed from the clone, not from this checkout


def test_a_forwarded_host_and_origin_are_answered(stage01):
    port = free_port()
    env = {**os.environ, **CONFIG["containerEnv"]}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "course", "serve", str(stage01.path), "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        **own_group(),
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_answers(base + "/articles/", timeout=120)
        session = requests.Session()
        host = {"Host": FORWARDED}
        assert session.get(base + "/articles/", headers=host, timeout=10).status_code == 200
        login = session.get(base + "/admin/login/", headers=host, timeout=10)
        token = session.cookies["csrftoken"]
        # The codespace's proxy ends TLS: Django sees http, the browser's Origin says https.
        posted = session.post(
            base + "/admin/login/",
            headers={
                **host,
                "Origin": f"https://{FORWARDED}",
                "Referer": f"https://{FORWARDED}/admin/login/",
            },
            data={"csrfmiddlewaretoken": token, "username": "nobody", "password": "wrong"},
            timeout=10,
        )
        assert login.status_code == 200
        assert posted.status_code == 200, posted.text[:300]  # the form again, not a 403 CSRF page
        assert "Please enter the correct username" in posted.text
    finally:
        interrupt(proc)
        proc.communicate(timeout=30)
    assert not port_busy(port)
