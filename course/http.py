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


def format_exchange(response) -> str:
    """The request and the response of a ``requests.Response`` as text.

    The request line and headers are the ones ``requests`` really sent; the status line, headers
    and body are what the server really answered. JSON bodies are pretty-printed, Korean kept.
    """
    lines = []
    for hop in [*response.history, response]:
        req = hop.request
        parts = urlsplit(req.url)
        target = parts.path or "/"
        if parts.query:
            target += "?" + parts.query
        lines.append(f">>> {req.method} {target} HTTP/1.1")
        lines.append(f">>> Host: {parts.netloc}")
        lines += [f">>> {k}: {v}" for k, v in req.headers.items()]
        body = _body_text(req.body, req.headers.get("Content-Type", ""))
        if body:
            lines += [">>>", *(f">>> {line}" for line in body.splitlines())]
        lines.append("")
        version = {10: "HTTP/1.0", 11: "HTTP/1.1"}.get(getattr(hop.raw, "version", 11), "HTTP/1.1")
        lines.append(f"<<< {version} {hop.status_code} {hop.reason}")
        lines += [f"<<< {k}: {v}" for k, v in hop.headers.items()]
        body = _body_text(hop.content, hop.headers.get("Content-Type", ""))
        if body:
            lines += ["<<<", *(f"<<< {line}" for line in body.splitlines())]
        lines.append("")
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
