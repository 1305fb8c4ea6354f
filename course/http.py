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
        lines += _message(
            ">>>",
            f"{req.method} {target} HTTP/1.1",
            {"Host": parts.netloc, **req.headers},
            req.body,
        )
        lines += _message(
            "<<<", f"{version} {hop.status_code} {hop.reason}", hop.headers, hop.content
        )
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


class RawConnection:
    """One TCP connection to ``url``'s server, kept open across requests (lesson 01).

    ``send(text)`` writes one raw request and reads exactly one response: the head up to the empty
    line, then ``Content-Length`` bytes of body. Unlike ``send_raw`` it does not wait for the server
    to hang up, so a second ``send`` travels on the same socket when the server keeps it open.
    ``read_head()`` reads only up to the next empty line (an interim ``100 Continue`` has no body);
    ``server_closed()`` says whether the server has closed its side.
    """

    def __init__(self, url: str, timeout: float = 5.0):
        parts = urlsplit(url)
        self.sock = socket.create_connection((parts.hostname, parts.port or 80), timeout=timeout)
        self.buffer = b""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.sock.close()

    def write(self, text: str) -> None:
        self.sock.sendall(text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8"))

    def read_head(self) -> str:
        while b"\r\n\r\n" not in self.buffer:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("the server closed the connection before answering")
            self.buffer += chunk
        head, _, self.buffer = self.buffer.partition(b"\r\n\r\n")
        return head.decode("iso-8859-1")

    def read_response(self) -> str:
        head = self.read_head()
        length = next(
            (
                int(line.split(":", 1)[1])
                for line in head.split("\r\n")[1:]
                if line.lower().startswith("content-length:")
            ),
            0,
        )
        while len(self.buffer) < length:
            chunk = self.sock.recv(65536)
            if not chunk:
                break
            self.buffer += chunk
        body, self.buffer = self.buffer[:length], self.buffer[length:]
        return head + "\r\n\r\n" + body.decode("utf-8", errors="replace")

    def send(self, text: str) -> str:
        self.write(text)
        return self.read_response()

    def server_closed(self, wait: float = 1.0) -> bool:
        self.sock.settimeout(wait)
        try:
            return self.sock.recv(1, socket.MSG_PEEK) == b""
        except TimeoutError:
            return False
        except OSError:
            return True
