"""The contract's project/ section against a live server of project/ (a fresh SQLite database)."""

import re
import uuid

import pytest
import requests

from course.testing import sign_up


pytestmark = pytest.mark.xdist_group("project")  # one server of project/ for the module

TIMEOUT = 30  # seconds, for every request


@pytest.fixture(scope="module")
def server(project_server):
    return project_server


def test_article_list_is_paginated(server):
    body = requests.get(f"{server.url}/api/v1/articles/", timeout=TIMEOUT).json()
    assert set(body) >= {"count", "next", "previous", "results"}
    assert body["count"] >= len(body["results"]) > 0
    assert {"id", "title"} <= set(body["results"][0])


def test_token_flow_and_author_rules(server):
    _, _, key = sign_up(server.url)
    _, _, other = sign_up(server.url)
    articles = f"{server.url}/api/v1/articles/"
    assert (
        requests.post(articles, json={"title": "t", "content": "c"}, timeout=TIMEOUT).status_code
        == 401
    )
    created = requests.post(
        articles,
        json={"title": "토큰", "content": "c"},
        headers={"Authorization": f"Token {key}"},
        timeout=TIMEOUT,
    )
    assert created.status_code == requests.codes.created and created.json()["title"] == "토큰"
    detail = f"{articles}{created.json()['id']}/"
    refused = requests.put(
        detail,
        json={"title": "x", "content": "y"},
        headers={"Authorization": f"Token {other}"},
        timeout=TIMEOUT,
    )
    assert refused.status_code == requests.codes.forbidden
    assert requests.get(detail, timeout=TIMEOUT).json()["title"] == "토큰"  # nothing changed
    assert requests.get(f"{server.url}/accounts/user/", timeout=TIMEOUT).status_code == 401
    assert (
        requests.get(
            f"{server.url}/accounts/user/",
            headers={"Authorization": "Token not-a-key"},
            timeout=TIMEOUT,
        ).status_code
        == 401
    )
    assert (
        requests.delete(
            detail, headers={"Authorization": f"Token {key}"}, timeout=TIMEOUT
        ).status_code
        == 204
    )


def test_jwt_sign_in_beside_token_sign_in(server):
    name, password, _ = sign_up(server.url)
    tokens = requests.post(
        f"{server.url}/accounts/jwt/create/",
        json={"username": name, "password": password},
        timeout=TIMEOUT,
    )
    assert tokens.status_code == requests.codes.ok, tokens.text
    access, refresh = tokens.json()["access"], tokens.json()["refresh"]
    me = requests.get(
        f"{server.url}/accounts/user/",
        headers={"Authorization": f"Bearer {access}"},
        timeout=TIMEOUT,
    )
    assert me.status_code == requests.codes.ok and me.json()["username"] == name
    rotated = requests.post(
        f"{server.url}/accounts/jwt/refresh/", json={"refresh": refresh}, timeout=TIMEOUT
    )
    assert rotated.status_code == requests.codes.ok and rotated.json()["refresh"] != refresh
    again = requests.post(
        f"{server.url}/accounts/jwt/refresh/", json={"refresh": refresh}, timeout=TIMEOUT
    )
    assert again.status_code == requests.codes.unauthorized  # rotated away: blacklisted


def test_openapi_schema_and_docs_page(server):
    schema = requests.get(f"{server.url}/api/schema/", params={"format": "json"}, timeout=TIMEOUT)
    assert schema.status_code == requests.codes.ok
    assert schema.json()["openapi"].startswith("3.")
    assert "/api/v1/articles/" in schema.json()["paths"]
    docs = requests.get(f"{server.url}/api/docs/", timeout=TIMEOUT)
    assert docs.status_code == requests.codes.ok and "text/html" in docs.headers["Content-Type"]
    assets = re.findall(r'(?:src|href)="(/static/[^"]+)"', docs.text)
    assert assets, "the docs page should load Swagger UI from our own static files"
    for asset in assets:
        assert requests.get(server.url + asset, timeout=TIMEOUT).status_code == requests.codes.ok, (
            asset
        )


@pytest.mark.parametrize(
    "origin,allowed",
    [
        ("http://localhost:8080", True),
        ("http://127.0.0.1:8080", True),
        ("http://evil.example", False),
    ],
)
def test_cors(server, origin, allowed):
    response = requests.get(
        f"{server.url}/api/v1/articles/", headers={"Origin": origin}, timeout=TIMEOUT
    )
    assert (response.headers.get("Access-Control-Allow-Origin") == origin) is allowed
    if allowed:
        preflight = requests.options(
            f"{server.url}/api/v1/articles/",
            headers={
                "Origin": origin,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization, content-type",
            },
            timeout=TIMEOUT,
        )
        assert preflight.status_code == requests.codes.ok
        assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
        assert "authorization" in preflight.headers["Access-Control-Allow-Headers"].lower()


def test_bad_input_is_a_clear_4xx(server):
    _, _, key = sign_up(server.url)
    auth = {"Authorization": f"Token {key}"}
    url = f"{server.url}/api/v1/articles/"
    count = requests.get(url, timeout=TIMEOUT).json()["count"]
    for kwargs in (
        {"data": "{bad", "headers": {**auth, "Content-Type": "application/json"}},
        {"json": {"title": "x" * 101, "content": "c"}, "headers": auth},
        {"json": {"content": "no title"}, "headers": auth},
        {"json": [1, 2], "headers": auth},
    ):
        response = requests.post(url, **kwargs, timeout=TIMEOUT)
        assert 400 <= response.status_code < 500 and response.json(), response.text
    assert requests.get(f"{url}abc/", timeout=TIMEOUT).status_code == requests.codes.not_found
    assert requests.get(f"{url}abc/", timeout=TIMEOUT).headers["Content-Type"] == "application/json"
    assert requests.get(url, timeout=TIMEOUT).json()["count"] == count


# Issue 10 against the live server: what the Django test client cannot show (a real client
# following a 308, real concurrency, Django's own refusals before any view).


def test_a_write_without_its_slash_is_a_308_a_client_follows_with_its_method(server):
    _, _, key = sign_up(server.url)
    auth = {"Authorization": f"Token {key}"}
    articles = f"{server.url}/api/v1/articles/"
    count = requests.get(articles, timeout=TIMEOUT).json()["count"]
    refused = requests.post(
        articles.rstrip("/"),
        json={"title": "t", "content": "c"},
        headers=auth,
        allow_redirects=False,
        timeout=TIMEOUT,
    )
    assert refused.status_code == requests.codes.permanent_redirect
    assert (
        refused.headers["Location"] == "/api/v1/articles/"
        and "/api/v1/articles/" in refused.json()["detail"]
    )
    followed = requests.post(
        articles.rstrip("/"), json={"title": "t", "content": "c"}, headers=auth, timeout=TIMEOUT
    )
    assert followed.status_code == requests.codes.created, followed.text
    assert requests.get(articles, timeout=TIMEOUT).json()["count"] == count + 1
    login = requests.post(
        f"{server.url}/accounts/jwt/create",
        json={"username": "x", "password": "y"},
        allow_redirects=False,
        timeout=TIMEOUT,
    )
    assert login.status_code == requests.codes.permanent_redirect


def test_djangos_own_refusals_are_json(server):
    url = f"{server.url}/api/v1/articles/"
    deep = requests.post(
        f"{server.url}/accounts/login/",
        data="[" * 2000 + "]" * 2000,
        headers={"Content-Type": "application/json"},
        timeout=TIMEOUT,
    )
    # A JSON 400 with a reason (whatever its wording: Python 3.13 parses deeper than 3.11).
    assert deep.status_code == requests.codes.bad_request
    assert isinstance(deep.json()["detail"], str)
    # Each refusal, asked from an allowed origin, carries its CORS header: the page sees it.
    origin = {"Origin": "http://localhost:8080"}
    big = requests.post(
        url,
        data='{"title": "t", "content": "' + "x" * (3 * 1024 * 1024) + '"}',
        headers={"Content-Type": "application/json", **origin},
        timeout=TIMEOUT,
    )
    assert (
        big.status_code == requests.codes.request_entity_too_large
        and "bytes" in big.json()["detail"]
    )
    assert big.headers["Access-Control-Allow-Origin"] == origin["Origin"]
    host = requests.get(url, headers={"Host": "evil.example", **origin}, timeout=TIMEOUT)
    assert host.status_code == requests.codes.bad_request and "Host" in host.json()["detail"]
    assert host.headers["Access-Control-Allow-Origin"] == origin["Origin"]
    missing = requests.get(f"{server.url}/api/v1/nowhere/", headers=origin, timeout=TIMEOUT)
    assert missing.status_code == requests.codes.not_found and missing.json()["detail"]
    assert missing.headers["Access-Control-Allow-Origin"] == origin["Origin"]
    long_word = requests.get(url, params={"search": "a" * 50_001}, timeout=TIMEOUT)
    assert long_word.status_code == requests.codes.bad_request and "search" in long_word.json()
    fields = requests.get(url + "?" + "&".join(f"f{i}=1" for i in range(1001)), timeout=TIMEOUT)
    assert fields.status_code == requests.codes.bad_request and fields.json()["detail"]
    overflow = requests.get(
        url, params={"created_before": "0001-01-01T00:00:00+14:00"}, timeout=TIMEOUT
    )
    assert (
        overflow.status_code == requests.codes.bad_request and "created_before" in overflow.json()
    )
    words = requests.get(
        url, params={"search": " ".join(f"w{i}" for i in range(1000))}, timeout=TIMEOUT
    )
    assert words.status_code == requests.codes.bad_request and "search" in words.json()


def test_sign_up_sets_no_cookie(server):
    response = requests.post(
        f"{server.url}/accounts/signup/",
        timeout=TIMEOUT,
        json={
            "username": f"c-{uuid.uuid4().hex[:8]}",
            "password1": "Correct-Horse-42",
            "password2": "Correct-Horse-42",
        },
    )
    assert response.status_code == requests.codes.created and set(response.json()) == {"key"}
    assert not response.cookies and "Set-Cookie" not in response.headers


def race(*calls):
    """Send the calls at the same moment, each from its own thread; their responses in order."""
    from concurrent.futures import ThreadPoolExecutor
    from threading import Barrier

    barrier = Barrier(len(calls))

    def run(call):
        barrier.wait(timeout=TIMEOUT)
        return call()

    with ThreadPoolExecutor(len(calls)) as pool:
        return [f.result() for f in [pool.submit(run, c) for c in calls]]


def test_put_racing_delete_never_resurrects_and_comment_racing_delete_is_404(server):
    _, _, key = sign_up(server.url)
    auth = {"Authorization": f"Token {key}"}
    articles = f"{server.url}/api/v1/articles/"
    seen = set()
    for _ in range(40):
        created = requests.post(
            articles, json={"title": "race", "content": "c"}, headers=auth, timeout=TIMEOUT
        )
        detail = f"{articles}{created.json()['id']}/"
        put, delete, comment = race(
            lambda: requests.put(
                detail, json={"title": "back?", "content": "c"}, headers=auth, timeout=TIMEOUT
            ),
            lambda: requests.delete(detail, headers=auth, timeout=TIMEOUT),
            lambda: requests.post(
                f"{detail}comments/", json={"content": "hi"}, headers=auth, timeout=TIMEOUT
            ),
        )
        seen.add((put.status_code, comment.status_code))
        assert delete.status_code == requests.codes.no_content, delete.text
        assert put.status_code in (requests.codes.ok, requests.codes.not_found), put.text
        assert comment.status_code in (requests.codes.created, requests.codes.not_found), (
            comment.text
        )
        assert (
            requests.get(detail, timeout=TIMEOUT).status_code == requests.codes.not_found
        )  # stays deleted
    print("(PUT, comment POST) answers seen:", sorted(seen))
