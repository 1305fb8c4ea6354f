"""What a check expects of the live server's answers, and each problem it finds, in the learner's
terms: which request, what came back (the body shortened, the server's last exception), what was
expected.
"""

from __future__ import annotations

import json
import re
from http import HTTPStatus


class StopCheck(Exception):
    """Raised by ``c.require``/``c.json``: the rest of the check makes no sense after this."""


class Expectations:
    """``c.expect``, ``c.require``, ``c.expect_status`` ... of ``Check``: each failure is one line
    in ``self.problems``; ``self._server`` (the live server) lends its log to a 500."""

    def expect(self, condition, message: str) -> bool:
        """Record ``message`` unless ``condition`` holds; returns the condition, to chain on."""
        if not condition:
            self.problems.append(message)
        return bool(condition)

    def require(self, condition, message: str) -> None:
        """Like ``expect``, and the check stops here when it fails."""
        if not self.expect(condition, message):
            raise StopCheck

    def expect_status(self, response, expected) -> bool:
        """``POST /api/v1/articles/ answered 405 Method Not Allowed; expected 201 Created``."""
        wanted = expected if isinstance(expected, (tuple, list, set)) else (expected,)
        if response.status_code in [int(code) for code in wanted]:
            return True
        self.problems.append(
            self.describe(response) + "; expected " + " or ".join(_status(code) for code in wanted)
        )
        return False

    def require_status(self, response, expected) -> None:
        if not self.expect_status(response, expected):
            raise StopCheck

    def describe(self, response) -> str:
        """``GET /api/v1/articles/1/ answered 404 Not Found {"detail": ...}`` (body shortened)."""
        request = response.request
        path = request.path_url
        text = f"{request.method} {path} answered {_status(response.status_code)}"
        body = _short_body(response)
        if body:
            text += f" {body}"
        if response.status_code == HTTPStatus.NO_CONTENT and request.method == "DELETE":
            text += " (it was deleted)"
        if response.status_code >= 500 and self._server is not None:
            line = _last_exception(self._server.log_text)
            if line:
                text += f" (server log: {line})"
        return text

    def json(self, response):
        """The response's JSON; when it is not JSON, the check records so and stops."""
        try:
            return response.json()
        except ValueError:
            self.problems.append(self.describe(response) + "; expected a JSON body")
            raise StopCheck from None


def _status(code) -> str:
    try:
        return f"{int(code)} {HTTPStatus(int(code)).phrase}"
    except ValueError:
        return str(code)


def _short_body(response, limit: int = 160) -> str:
    if not response.content:
        return ""
    kind = response.headers.get("Content-Type", "")
    if "json" not in kind:
        return f"({kind.split(';')[0] or 'a body'}, {len(response.content)} bytes)"
    text = json.dumps(response.json(), ensure_ascii=False) if _is_json(response) else response.text
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _is_json(response) -> bool:
    try:
        response.json()
        return True
    except ValueError:
        return False


def _last_exception(log: str) -> str:
    lines = [line for line in log.splitlines() if re.match(r"^[\w.]+(Error|Exception)\b.*:", line)]
    return lines[-1].strip() if lines else ""
