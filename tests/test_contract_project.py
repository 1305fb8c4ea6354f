"""The contract's project/ section against a live server of project/ (a fresh SQLite database)."""

import re

import pytest
import requests

from course.server import LiveServer
from course.stages import PROJECT, prepare, resolve
from course.testing import sign_up


pytestmark = pytest.mark.xdist_group("project")  # one server of project/ for the module


@pytest.fixture(scope="module")
def server(tmp_path_factory, monkeypatch_module):
    db = tmp_path_factory.mktemp("project") / "db.sqlite3"
    monkeypatch_module.setenv("DATABASE_URL", f"sqlite:///{db.as_posix()}")
    monkeypatch_module.setenv("DJANGO_THROTTLE_ANON", "off")
    monkeypatch_module.setenv("DJANGO_THROTTLE_USER", "off")
    prepare(resolve("project"))
    with LiveServer(PROJECT) as live:
        yield live


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_article_list_is_paginated(server):
    body = requests.get(f"{server.url}/api/v1/articles/").json()
    assert set(body) >= {"count", "next", "previous", "results"}
    assert body["count"] >= len(body["results"]) > 0
    assert {"id", "title"} <= set(body["results"][0])


def test_token_flow_and_author_rules(server):
    _, _, key = sign_up(server.url)
    _, _, other = sign_up(server.url)
    articles = f"{server.url}/api/v1/articles/"
    assert requests.post(articles, json={"title": "t", "content": "c"}).status_code == 401
    created = requests.post(articles, json={"title": "토큰", "content": "c"},
                            headers={"Authorization": f"Token {key}"})
    assert created.status_code == requests.codes.created and created.json()["title"] == "토큰"
    detail = f"{articles}{created.json()['id']}/"
    refused = requests.put(detail, json={"title": "x", "content": "y"},
                           headers={"Authorization": f"Token {other}"})
    assert refused.status_code == requests.codes.forbidden
    assert requests.get(detail).json()["title"] == "토큰"  # nothing changed
    assert requests.get(f"{server.url}/accounts/user/").status_code == 401
    assert requests.get(f"{server.url}/accounts/user/",
                        headers={"Authorization": "Token not-a-key"}).status_code == 401
    assert requests.delete(detail, headers={"Authorization": f"Token {key}"}).status_code == 204


def test_jwt_sign_in_beside_token_sign_in(server):
    name, password, _ = sign_up(server.url)
    tokens = requests.post(f"{server.url}/accounts/jwt/create/",
                           json={"username": name, "password": password})
    assert tokens.status_code == requests.codes.ok, tokens.text
    access, refresh = tokens.json()["access"], tokens.json()["refresh"]
    me = requests.get(f"{server.url}/accounts/user/", headers={"Authorization": f"Bearer {access}"})
    assert me.status_code == requests.codes.ok and me.json()["username"] == name
    rotated = requests.post(f"{server.url}/accounts/jwt/refresh/", json={"refresh": refresh})
    assert rotated.status_code == requests.codes.ok and rotated.json()["refresh"] != refresh
    again = requests.post(f"{server.url}/accounts/jwt/refresh/", json={"refresh": refresh})
    assert again.status_code == requests.codes.unauthorized  # rotated away: blacklisted


def test_openapi_schema_and_docs_page(server):
    schema = requests.get(f"{server.url}/api/schema/", params={"format": "json"})
    assert schema.status_code == requests.codes.ok
    assert schema.json()["openapi"].startswith("3.")
    assert "/api/v1/articles/" in schema.json()["paths"]
    docs = requests.get(f"{server.url}/api/docs/")
    assert docs.status_code == requests.codes.ok and "text/html" in docs.headers["Content-Type"]
    assets = re.findall(r'(?:src|href)="(/static/[^"]+)"', docs.text)
    assert assets, "the docs page should load Swagger UI from our own static files"
    for asset in assets:
        assert requests.get(server.url + asset).status_code == requests.codes.ok, asset


@pytest.mark.parametrize("origin,allowed", [("http://localhost:8080", True),
                                            ("http://127.0.0.1:8080", True),
                                            ("http://evil.example", False)])
def test_cors(server, origin, allowed):
    response = requests.get(f"{server.url}/api/v1/articles/", headers={"Origin": origin})
    assert (response.headers.get("Access-Control-Allow-Origin") == origin) is allowed
    if allowed:
        preflight = requests.options(f"{server.url}/api/v1/articles/", headers={
            "Origin": origin, "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type"})
        assert preflight.status_code == requests.codes.ok
        assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
        assert "authorization" in preflight.headers["Access-Control-Allow-Headers"].lower()


def test_bad_input_is_a_clear_4xx(server):
    _, _, key = sign_up(server.url)
    auth = {"Authorization": f"Token {key}"}
    url = f"{server.url}/api/v1/articles/"
    count = requests.get(url).json()["count"]
    for kwargs in ({"data": "{bad", "headers": {**auth, "Content-Type": "application/json"}},
                   {"json": {"title": "x" * 101, "content": "c"}, "headers": auth},
                   {"json": {"content": "no title"}, "headers": auth},
                   {"json": [1, 2], "headers": auth}):
        response = requests.post(url, **kwargs)
        assert 400 <= response.status_code < 500 and response.json(), response.text
    assert requests.get(f"{url}abc/").status_code == requests.codes.not_found
    assert requests.get(f"{url}abc/").headers["Content-Type"] == "application/json"
    assert requests.get(url).json()["count"] == count
