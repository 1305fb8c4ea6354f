"""The contract of lesson 03, over real HTTP: CRUD of articles and every kind of bad input.

Every stage from 03 on must still answer it; each test runs once per stage (``-k 05_fixtures``).
Writes go through ``writer(name)``, so the tests hold where a stage requires sign-in; the articles
they change are the ones they created.
"""

import json

import pytest
import requests

from course.testing import stages_from

LIST = "/api/v1/articles/"
DETAIL_KEYS = {"id", "title", "content", "created_at", "updated_at"}

# One bad body per way a request can fail, over a real socket: the parser (malformed JSON, 400), the
# content negotiation (not JSON, 415), the serializer (a field error, Korean text on the wire, 400).
# Every other bad body is a case of these three, tested in each stage's articles/tests/test_api.py.
# (id, body as sent, Content-Type, expected status, field the errors must name or None)
BAD_BODIES = [
    ("malformed-json", '{"title": "t", "content": ', "application/json", 400, None),
    ("not-json-text", "title=t&content=c", "text/plain", 415, None),
    (
        "title-101-korean",
        json.dumps({"title": "가" * 101, "content": "c"}),
        "application/json",
        400,
        "title",
    ),
]


@pytest.fixture(params=stages_from("03"))
def name(request):
    return request.param


@pytest.fixture
def api(live, writer, name):
    return Api(live(name), writer(name))


class Api:
    """Reads anonymously, writes through the stage's writer session."""

    def __init__(self, server, session):
        self.url, self.session = server.url, session

    def get(self, path):
        return requests.get(self.url + path, timeout=10)

    def send(self, method, path, body=None, content_type="application/json"):
        if body is not None and not isinstance(body, (str, bytes)):
            body = json.dumps(body)
        if isinstance(body, str):
            body = body.encode("utf-8")
        headers = {"Content-Type": content_type} if body is not None else {}
        return self.session.request(method, self.url + path, data=body, headers=headers, timeout=10)

    def create(self, title="계약 테스트", content="내용"):
        response = self.send("POST", LIST, {"title": title, "content": content})
        assert response.status_code == 201, response.text
        return response.json()

    def state(self, pk):
        """What a bad request must leave alone: the list, and the article it aimed at."""
        return self.get(LIST).json(), self.get(f"{LIST}{pk}/").json()


def json_error(response, status):
    assert response.status_code == status, (response.status_code, response.text[:300])
    assert response.headers["Content-Type"] == "application/json"
    return response.json()


def test_list_is_id_and_title(api):
    response = api.get(LIST)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    items = response.json()
    assert items and all(set(item) == {"id", "title"} for item in items)


def test_crud_round_trip_in_korean(api):
    created = api.send("POST", LIST, {"title": "새 글: 직렬화", "content": "역직렬화도 함께"})
    assert created.status_code == 201
    article = created.json()
    assert DETAIL_KEYS <= set(article)
    assert (article["title"], article["content"]) == ("새 글: 직렬화", "역직렬화도 함께")
    assert "새 글: 직렬화".encode() in created.content
    pk = article["id"]
    assert {"id": pk, "title": "새 글: 직렬화"} in api.get(LIST).json()

    detail = api.get(f"{LIST}{pk}/")
    assert detail.status_code == 200
    assert {k: detail.json()[k] for k in DETAIL_KEYS} == {k: article[k] for k in DETAIL_KEYS}

    updated = api.send("PUT", f"{LIST}{pk}/", {"title": "고친 글", "content": "고친 내용"})
    assert updated.status_code == 200
    assert (updated.json()["id"], updated.json()["title"], updated.json()["content"]) == (
        pk,
        "고친 글",
        "고친 내용",
    )
    assert api.get(f"{LIST}{pk}/").json()["title"] == "고친 글"

    deleted = api.send("DELETE", f"{LIST}{pk}/")
    assert deleted.status_code == 204 and deleted.content == b""
    assert "detail" in json_error(api.get(f"{LIST}{pk}/"), 404)
    assert pk not in [item["id"] for item in api.get(LIST).json()]


@pytest.mark.parametrize(
    "body, content_type, status, field",
    [case[1:] for case in BAD_BODIES],
    ids=[case[0] for case in BAD_BODIES],
)
def test_bad_bodies_are_4xx_json_and_write_nothing(api, body, content_type, status, field):
    target = api.create()["id"]
    before = api.state(target)
    for method, path in (("POST", LIST), ("PUT", f"{LIST}{target}/")):
        errors = json_error(api.send(method, path, body, content_type), status)
        if field:
            assert isinstance(errors[field], list) and all(
                isinstance(m, str) for m in errors[field]
            )
        else:
            assert errors, "the body says why"
    assert api.state(target) == before, "nothing was written"
    api.send("DELETE", f"{LIST}{target}/")


@pytest.mark.parametrize("pk", ["missing", "abc", "1.5", "-1"])
def test_unknown_or_non_numeric_pk_is_404_json(api, pk):
    target = api.create()["id"]
    if pk == "missing":
        pk = str(target + 1000)
    before = api.state(target)
    for method in ("GET", "PUT", "DELETE"):
        response = api.send(method, f"{LIST}{pk}/", {"title": "t", "content": "c"})
        assert "detail" in json_error(response, 404), method
    assert api.state(target) == before
    api.send("DELETE", f"{LIST}{target}/")


def test_other_methods_are_405_with_allow(api):
    target = api.create()["id"]
    before = api.state(target)
    cases = [
        (LIST, ("PUT", "PATCH", "DELETE"), {"GET", "POST"}),
        (f"{LIST}{target}/", ("POST", "PATCH"), {"GET", "PUT", "DELETE"}),
    ]
    for path, methods, allowed in cases:
        for method in methods:
            response = api.send(method, path, {"title": "t", "content": "c"})
            json_error(response, 405)
            header = {m.strip() for m in response.headers["Allow"].split(",")}
            assert allowed <= header and method not in header, (path, method, header)
    assert api.state(target) == before
    api.send("DELETE", f"{LIST}{target}/")


def test_an_unknown_api_path_is_404_json(api):
    assert "detail" in json_error(api.get("/api/v1/no-such-route/"), 404)
