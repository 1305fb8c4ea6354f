"""``live_server()`` for a notebook: the stage's server that already runs (``course lab``'s, or the
learner's own ``runserver``, when it serves this stage), else a hidden one that stops with the
kernel. The notebooks import it from ``course.notebook``.
"""

from __future__ import annotations

import atexit
import os
from pathlib import Path
from urllib.parse import urlsplit

from .errors import CourseError
from .notebook_stage import current_stage
from .processes import HOST, answers
from .server import LiveServer
from .database import prepare
from .stages import Stage

# Set by `python -m course lab` for the Jupyter server, so the kernels it starts reuse its server.
SERVER_URL_ENV = "COURSE_SERVER_URL"
SERVER_STAGE_ENV = "COURSE_SERVER_STAGE"
# The file lab keeps its server's console in, so that `server.log()` shows its last lines.
SERVER_LOG_ENV = "COURSE_SERVER_LOG"
SERVER_LOG = "server.log"  # in the stage folder (git-ignored, left out of copies)
# A learner's own server: `python manage.py runserver` listens on 8000 unless told otherwise; another
# port can be named with live_server(port=...) or this environment variable.
LEARNER_PORT = 8000
PORT_ENV = "COURSE_SERVER_PORT"

_servers: dict[Path, LiveServer] = {}


def live_server(
    env: dict[str, str] | None = None, fresh: bool = False, port: int | None = None
) -> LiveServer:
    """The running server of this notebook's stage, and a line that says which one and why.

    In order: the server at ``$COURSE_SERVER_URL`` (``python -m course lab`` sets it for its
    kernels; a learner may set it too); the server on the stage's port, ``port`` when given (or
    ``$COURSE_SERVER_PORT``), else 8000, when it answers and is this stage's (its debug 404 page
    lists this stage's URL names); otherwise a hidden server on a free port, after migrating the
    database (and filling it when it is new). A hidden server stops with the kernel, also when the
    kernel is killed. ``env`` (environment variables for the server) and ``fresh=True`` always
    start a hidden one.
    """
    stage = current_stage()
    if not fresh and not env:
        found = _running_server(stage, port)
        if found is not None:
            server, why = found
            print(f"Using {server.url}: {why}.")
            return server
    prepare(stage)  # migrate (a no-op when up to date); a new database also gets the stage's data
    server = LiveServer(stage.path, env=env, die_with=os.getpid()).start()
    atexit.register(server.stop)
    if not env and not fresh:
        _servers[stage.path] = server
        print(
            f"Using {server.url}: no server of {stage.name} answered on port {_port(port)} (your "
            f"`python manage.py runserver` in {stage.path} would have been used), so this notebook "
            "started one. It stops with the kernel."
        )
    return server


def _port(port: int | None) -> int:
    """The port a learner's own server of the stage is looked for on."""
    if port:
        return port
    named = os.environ.get(PORT_ENV, "")
    return int(named) if named.isdigit() else LEARNER_PORT


def _running_server(stage: Stage, port: int | None) -> tuple[LiveServer, str] | None:
    given = os.environ.get(SERVER_URL_ENV)
    given_stage = os.environ.get(SERVER_STAGE_ENV)
    if port is None and given and given_stage in (None, str(stage.path)) and answers(given + "/"):
        why = "the server `python -m course lab` started" if given_stage else f"${SERVER_URL_ENV}"
        server = _attached(stage, urlsplit(given).port)
        if os.environ.get(SERVER_LOG_ENV):  # lab keeps its console there
            server.log_path = Path(os.environ[SERVER_LOG_ENV])
            why += " (its console: server.log())"
        return server, why
    own = _servers.get(stage.path)
    if port is None and own and own.process and own.process.poll() is None:
        return own, "the server this notebook started before"
    candidate = _port(port)
    if not answers(f"http://{HOST}:{candidate}/"):
        if port:
            raise CourseError(
                f"nothing answers on port {port}: start `python manage.py runserver {port}` in "
                f"{stage.path}, or call live_server() without a port"
            )
        return None
    if _serves_this_stage(f"http://{HOST}:{candidate}") is False:
        if port:
            raise CourseError(f"port {port} answers, but not with {stage.name}'s URLs")
        return None
    return _attached(stage, candidate), (
        f"`python manage.py runserver` of {stage.name} answers on port {candidate}"
    )


def _serves_this_stage(url: str) -> bool | None:
    """Whether the server at ``url`` runs this kernel's URLconf: in development, Django's 404 page
    lists the URL patterns it tried, which must be the ones this stage tries. None when it cannot
    be told (DEBUG off, or a route that answers every path)."""
    import html
    import re
    import urllib.error
    import urllib.request

    from django.urls import Resolver404, resolve

    probe = "/course-which-stage-is-this/"
    try:
        resolve(probe)
        return None
    except Resolver404 as missing:
        tried = missing.args[0].get("tried", []) if missing.args else []
    ours = [
        "".join(str(p.pattern) for p in t)
        + (f"[name='{t[-1].name}']" if getattr(t[-1], "name", None) else "")
        for t in tried
        if t
    ]
    try:
        with urllib.request.urlopen(url + probe, timeout=2) as answer:
            page = answer.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        page = error.read().decode("utf-8", "replace")
    except OSError:
        return None
    listed = re.search(r"<ol>(.*?)</ol>", page, flags=re.S)
    if not listed:
        return None
    theirs = [
        html.unescape(re.sub(r"<[^>]+>|\s+", "", item))
        for item in re.findall(r"<li>(.*?)</li>", listed.group(1), flags=re.S)
    ]
    return theirs == [re.sub(r"\s+", "", text) for text in ours]


def _attached(stage: Stage, port: int) -> LiveServer:
    """A LiveServer object for a server this kernel did not start (and so never stops)."""
    server = LiveServer(stage.path)
    server.port = port
    return server
