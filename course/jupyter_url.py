"""The address that opens a stage's notebook itself, for ``python -m course lab`` to print.

Jupyter prints the address of its Launcher (``/lab?token=...``) or of its file list
(``/tree?token=...``). A learner with no browser opened for them (``--no-browser``, a remote
machine, a container) wants the notebook: ``/lab/tree/lesson.ipynb?token=...`` (JupyterLab) or
``/notebooks/lesson.ipynb?token=...`` (Notebook 7). Jupyter Server describes each running server in
a ``jpserver-PID.json`` file (``list_running_servers``): its URL, token and root folder.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path
from urllib.parse import quote, urlencode

from .processes import answers


def notebook_url(info: dict, notebook: Path, classic: bool = False) -> str:
    """The URL that opens ``notebook`` on the Jupyter server described by ``info``."""
    relative = Path(notebook).resolve().relative_to(Path(info["root_dir"]).resolve()).as_posix()
    page = "notebooks/" if classic else "lab/tree/"
    query = "?" + urlencode({"token": info["token"]}) if info.get("token") else ""
    return info["url"].rstrip("/") + "/" + page + quote(relative) + query


def find_server(pid: int) -> dict | None:
    """The running Jupyter server whose process is ``pid``, as ``jpserver-PID.json`` describes it."""
    from jupyter_server.serverapp import list_running_servers

    return next((info for info in list_running_servers() if info.get("pid") == pid), None)


def print_notebook_url(
    jupyter: subprocess.Popen, notebook: Path, classic: bool, app: str, timeout: float = 120.0
) -> str | None:
    """Wait until Jupyter (started by ``course lab``) answers, then print the notebook's URL.

    Jupyter logs its own banner before its web server answers, so once ``/api/status`` answers,
    this line comes last, where the eye lands. Runs in a thread; gives up quietly when Jupyter
    stops first.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and jupyter.poll() is None:
        info = find_server(jupyter.pid)
        if info and answers(
            info["url"].rstrip("/") + "/api/status?" + urlencode({"token": info.get("token", "")})
        ):
            url = notebook_url(info, notebook, classic)
            print(f"\n  {app}, on the lesson's notebook: {url}\n", flush=True)
            return url
        time.sleep(0.2)
    return None
