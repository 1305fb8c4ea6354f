"""Show an HTTP exchange the way it crosses the wire, so a learner sees more than ``.json()``."""

from __future__ import annotations

import json
import socket
from urllib.parse import urlsplit

MAX_BODY = 2000  # characters of a body to print before cutting it short


def _body_text(body, content_type: str) -> str:
    if body is None or body == b"" or body == "":
        return ""
    if isinstance(body, bytes):
        body = body.decode("utf-8", errors="replace")
    if "json" in content_type:
        try:
            body = json.dumps(json.loads(body), indent=2, ensure_ascii=False)
        except ValueError:
            pass  # not valid JSON after all: show it as it is
    if len(body) > MAX_BODY:
        body = body[:MAX_BODY] + f"\n... ({len(body) - MAX_BODY} more characters)"
    return body


def _message(arrow: str, first_line: str, headers, body) -> list[str]:
    """One HTTP message as lines: its first line, its headers, a blank line and its body."""
    lines = [f"{arrow} {first_line}", *(f"{arrow} {k}: {v}" for k, v in headers.items())]
    text = _body_text(body, headers.get("Content-Type", ""))
    if text:
        lines += [arrow, *(f"{arrow} {line}" for line in text.splitlines())]
    return lines + [""]


def format_exchange(response) -> str:
    """The request and the response of a ``requests.Response`` as text.

    The request line and headers are the ones ``requests`` really sent; the status line, headers
    and body are what the server really answered. JSON bodies are pretty-printed, Korean kept.
    """
    lines = []
    for hop in [*response.history, response]:
        req = hop.request
        parts = urlsplit(req.url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        version = {10: "HTTP/1.0"}.get(getattr(hop.raw, "version", 11), "HTTP/1.1")
        lines += _message(">>>", f"{req.method} {target} HTTP/1.1",
                          {"Host": parts.netloc, **req.headers}, req.body)
        lines += _message("<<<", f"{version} {hop.status_code} {hop.reason}", hop.headers, hop.content)
    return "\n".join(lines).rstrip() + "\n"


def show(response) -> None:
    """Print the whole exchange of a ``requests.Response`` (redirects included)."""
    print(format_exchange(response))


def send_raw(url: str, request_text: str, timeout: float = 5.0) -> str:
    """Send ``request_text`` as bytes over a TCP socket to ``url``'s host and port; return the
    raw response text. Line endings become CRLF, as HTTP/1.1 requires."""
    parts = urlsplit(url)
    payload = request_text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8")
    chunks = []
    with socket.create_connection((parts.hostname, parts.port or 80), timeout=timeout) as sock:
        sock.sendall(payload)
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
    return b"".join(chunks).decode("utf-8", errors="replace")
