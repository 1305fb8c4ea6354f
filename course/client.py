"""A stage's browser client (its ``client/`` folder) served as static files on another origin.

Lesson 06 ships a small HTML + JavaScript page that calls the stage's API from a different origin
(port 8080 instead of the API's 8000), so the browser applies CORS to it. This module serves that
folder with the standard library's ``http.server``: no build step, no extra package.
"""

from __future__ import annotations

import functools
import hashlib
import json
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlencode

from . import atomic
from .errors import CourseError
from .processes import HOST, answers, port_busy
from .stages import Stage

CLIENT_DIR = "client"
CLIENT_PORT = 8080  # the origin the stage's CORS_ALLOWED_ORIGINS names (http://127.0.0.1:8080)
DEFAULT_API = "http://127.0.0.1:8000"


def _lab_record(stage: Stage) -> Path:
    digest = hashlib.sha256(str(stage.path).encode()).hexdigest()[:12]  # one record per folder
    # In the user's private cache: a record another user planted would point the client elsewhere.
    return atomic.cache_dir("lab") / f"{stage.name}-{digest}.json"


def remember_api(stage: Stage, api: str) -> None:
    """``course lab`` notes the API it serves for ``stage``, for ``course client`` to find."""
    record = _lab_record(stage)
    atomic.write_text(record, json.dumps({"path": str(stage.path), "api": api}))


def running_api(stage: Stage) -> str | None:
    """The API a ``course lab`` of ``stage`` serves right now, or None."""
    try:
        data = json.loads(_lab_record(stage).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("path") != str(stage.path) or not answers(data.get("api", "") + "/"):
        return None
    return data["api"]


def client_dir(stage: Stage) -> Path | None:
    """The stage's ``client/`` folder with its ``index.html``, or None when it has none."""
    folder = stage.path / CLIENT_DIR
    return folder if (folder / "index.html").is_file() else None


def page_url(port: int, api: str | None = None, host: str = HOST) -> str:
    """The client page's address; ``api`` travels in the query string (``?api=...``)."""
    url = f"http://{host}:{port}/"
    return url + ("?" + urlencode({"api": api}, safe=":/") if api else "")


class _QuietHandler(SimpleHTTPRequestHandler):
    """Static files with no caching (an edited app.js shows on reload); logs only when asked."""

    verbose = False

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format, *args):
        if self.verbose:
            super().log_message(format, *args)


class ClientServer:
    """Serve a folder on ``host:port`` in a background thread; a context manager.

    >>> with ClientServer(Path("lessons/06_cors_auth/client"), port=8080) as client:
    ...     print(client.url)
    """

    def __init__(
        self, folder: Path, port: int = CLIENT_PORT, host: str = HOST, verbose: bool = False
    ):
        self.folder = Path(folder).resolve()
        self.host = host
        self.port = port
        self.verbose = verbose
        self.httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> ClientServer:
        if not (self.folder / "index.html").is_file():
            raise CourseError(f"no index.html in {self.folder}")
        if port_busy(self.port, self.host):
            raise CourseError(
                f"port {self.port} is busy: stop what uses it, or choose another with --port "
                "(the API allows only the origins in its CORS settings: see the lesson's README)"
            )
        handler = type("Handler", (_QuietHandler,), {"verbose": self.verbose})
        handler = functools.partial(handler, directory=str(self.folder))
        try:
            self.httpd = ThreadingHTTPServer((self.host, self.port), handler)
        except OSError as error:
            raise CourseError(f"cannot serve the client on port {self.port}: {error}") from None
        self.port = self.httpd.server_address[1]  # port 0 asks the OS for a free one
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self.httpd is not None:
            self.httpd.shutdown()
            self.httpd.server_close()
            self.httpd = None

    def __enter__(self) -> ClientServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def start_beside(stage: Stage, api: str, port: int = CLIENT_PORT) -> ClientServer | None:
    """For ``lab`` and ``serve``: start the stage's client next to its server, when it has one.

    A busy port is no reason to stop the lesson: it prints why and goes on without the client.
    """
    folder = client_dir(stage)
    if folder is None:
        return None
    try:
        client = ClientServer(folder, port=port).start()
    except CourseError as error:
        print(f"(browser client not started: {error})", flush=True)
        return None
    print(f"  browser client: {page_url(client.port, api)}", flush=True)
    return client
