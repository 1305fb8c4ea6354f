"""Lesson 06's contract for the articles API, as checks against a live server.

The notebook runs the same checks against lesson 06's function views and against every
class-based step, so "each step answers the same contract" is shown, not claimed. Every check
sends one real request and compares the real status (and, where it matters, the body).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from http import HTTPStatus
from collections.abc import Callable

import requests

TIMEOUT = 10
PASSWORD = "viewsets-notebook-password-42"


@dataclass
class Check:
    what: str
    expected: int
    got: int
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.expected == self.got and not self.detail


class Contract:
    """Two users signed up on ``api``: ``author`` writes the articles, ``other`` may only read them."""

    def __init__(self, api: str):
        self.api = api.rstrip("/")
        self.author, self.author_pk = self._sign_up("author")
        self.other, self.other_pk = self._sign_up("other")

    def _sign_up(self, role: str) -> tuple[dict[str, str], int]:
        name = f"{role}_{secrets.token_hex(4)}"
        answer = requests.post(
            self.api + "/accounts/signup/",
            timeout=TIMEOUT,
            json={"username": name, "password1": PASSWORD, "password2": PASSWORD},
        )
        answer.raise_for_status()
        headers = {"Authorization": f"Token {answer.json()['key']}"}
        me = requests.get(self.api + "/accounts/user/", headers=headers, timeout=TIMEOUT).json()
        return headers, me["pk"]

    def check(self, list_path: str, detail_path: Callable[[int], str]) -> list[Check]:
        """Every promise of lesson 06's articles routes, against ``list_path`` and ``detail_path(pk)``."""
        api, author, other = self.api, self.author, self.other
        checks: list[Check] = []

        def expect(what, expected, response, problem=""):
            checks.append(Check(what, int(expected), response.status_code, problem))
            return response

        listed = expect(
            "GET list, anonymous", HTTPStatus.OK, requests.get(api + list_path, timeout=TIMEOUT)
        )
        rows = listed.json() if listed.ok else []
        if not (isinstance(rows, list) and all(set(row) == {"id", "title"} for row in rows)):
            checks[-1].detail = "not a list of {id, title}"
        expect(
            "POST list, anonymous",
            HTTPStatus.UNAUTHORIZED,
            requests.post(api + list_path, json={"title": "t", "content": "c"}, timeout=TIMEOUT),
        )
        expect(
            "POST list, invalid data",
            HTTPStatus.BAD_REQUEST,
            requests.post(
                api + list_path, json={"content": "no title"}, headers=author, timeout=TIMEOUT
            ),
        )
        created = expect(
            "POST list, with a token",
            HTTPStatus.CREATED,
            requests.post(
                api + list_path,
                headers=author,
                timeout=TIMEOUT,
                json={"title": "contract " + secrets.token_hex(3), "content": "c", "user": 1},
            ),
        )
        if created.status_code != HTTPStatus.CREATED:
            return checks
        article = created.json()
        if article.get("user") != self.author_pk:
            checks[
                -1
            ].detail = f"user is {article.get('user')}, not the token's owner {self.author_pk}"
        url = api + detail_path(article["id"])

        shown = expect("GET detail, anonymous", HTTPStatus.OK, requests.get(url, timeout=TIMEOUT))
        if shown.ok and not {"comment_set", "comment_count"} <= set(shown.json()):
            checks[-1].detail = "no comment_set and comment_count"
        expect(
            "GET detail, no such article",
            HTTPStatus.NOT_FOUND,
            requests.get(api + detail_path(10**9), timeout=TIMEOUT),
        )
        change = {"title": "changed", "content": "changed"}
        expect(
            "PUT detail, anonymous",
            HTTPStatus.UNAUTHORIZED,
            requests.put(url, json=change, timeout=TIMEOUT),
        )
        expect(
            "PUT detail, not the author",
            HTTPStatus.FORBIDDEN,
            requests.put(url, json=change, headers=other, timeout=TIMEOUT),
        )
        expect(
            "DELETE detail, not the author",
            HTTPStatus.FORBIDDEN,
            requests.delete(url, headers=other, timeout=TIMEOUT),
        )
        expect(
            "PUT detail, invalid data",
            HTTPStatus.BAD_REQUEST,
            requests.put(url, json={"title": ""}, headers=author, timeout=TIMEOUT),
        )
        updated = expect(
            "PUT detail, the author",
            HTTPStatus.OK,
            requests.put(url, json=change, headers=author, timeout=TIMEOUT),
        )
        if updated.ok and updated.json().get("title") != "changed":
            checks[-1].detail = "the title did not change"
        expect(
            "PATCH detail, the author",
            HTTPStatus.METHOD_NOT_ALLOWED,
            requests.patch(url, json=change, headers=author, timeout=TIMEOUT),
        )
        expect(
            "DELETE detail, the author",
            HTTPStatus.NO_CONTENT,
            requests.delete(url, headers=author, timeout=TIMEOUT),
        )
        expect("GET detail, once deleted", HTTPStatus.NOT_FOUND, requests.get(url, timeout=TIMEOUT))
        return checks


def markdown_table(results: dict[str, list[Check]]) -> str:
    """One row per check, one column per step: the status each step answered (✗ when wrong)."""
    steps = list(results)
    first = results[steps[0]]
    rows = ["| check | expected | " + " | ".join(steps) + " |", "|---" * (len(steps) + 2) + "|"]
    for index, check in enumerate(first):
        cells = []
        for step in steps:
            mine = results[step][index] if index < len(results[step]) else None
            cells.append(
                "-" if mine is None else f"{mine.got}" + ("" if mine.ok else f" ✗ {mine.detail}")
            )
        rows.append(f"| {check.what} | {check.expected} | " + " | ".join(cells) + " |")
    return "\n".join(rows)
