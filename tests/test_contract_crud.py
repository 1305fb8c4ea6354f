"""Lesson 03 over a real socket: one article created, read, changed and deleted, in Korean.

Each stage's articles/tests/test_api.py tests every case (bad input included) with DRF's test
client; here one round trip crosses a real socket to a live server of every stage from 03 on.
Writes go through ``writer(name)``, so the test holds where a stage requires sign-in.
"""

import json

import pytest
import requests

from course.testing import stages_from

LIST = "/api/v1/articles/"
DETAIL_KEYS = {"id", "title", "content", "created_at", "updated_at"}


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


def json_error(response, status):
    assert response.status_code == status, (response.status_code, response.text[:300])
    assert response.headers["Content-Type"] == "application/json"
    return response.json()


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
