"""Lesson 06 over a real socket, against live servers of every stage from 06 on.

What the stage's own tests (articles/tests/test_auth.py, test_cors.py) cannot show with DRF's test
client: a token issued by one request is the credential of the next ones, over separate
connections, until log-out ends it; the author is whoever the token says; CORS headers and
preflights as a browser's requests get them. ``writer(name)`` is a signed-in user (conftest.py).
"""

import secrets

import pytest
import requests

from course.testing import stages_from

STAGES = stages_from("06")
ALLOWED_ORIGINS = ["http://localhost:8080", "http://127.0.0.1:8080"]
OTHER_ORIGINS = ["http://evil.example", "http://127.0.0.1:8081", "https://localhost:8080", "null"]
PASSWORD = "contract-password-42"

pytestmark = pytest.mark.parametrize("name", STAGES, ids=STAGES)


def signup(base, username=None, password1=PASSWORD, password2=PASSWORD):
    username = "user_" + secrets.token_hex(4) if username is None else username
    return requests.post(
        base + "/accounts/signup/",
        json={
            "username": username,
            "password1": password1,
            "password2": password2,
        },
        timeout=10,
    )


def token_headers(key):
    return {"Authorization": f"Token {key}"}


# ---------------------------------------------------------------------------------------------
# /accounts/


def test_signup_answers_201_with_a_key(name, live):
    response = signup(live(name).url)
    assert response.status_code == 201, response.text
    assert set(response.json()) == {"key"} and response.json()["key"]


def test_login_answers_the_key_and_bad_passwords_are_400(name, live):
    base = live(name).url
    username = "login_" + secrets.token_hex(4)
    key = signup(base, username).json()["key"]
    response = requests.post(
        base + "/accounts/login/", json={"username": username, "password": PASSWORD}, timeout=10
    )
    assert response.status_code == 200, response.text
    assert response.json() == {"key": key}
    for body in (
        {"username": username, "password": "wrong"},
        {"username": username},
        {"username": "nobody_" + secrets.token_hex(4), "password": PASSWORD},
    ):
        response = requests.post(base + "/accounts/login/", json=body, timeout=10)
        assert response.status_code == 400, (body, response.text)
        assert response.json()


def test_user_route_needs_the_token(name, live):
    base = live(name).url
    username = "me_" + secrets.token_hex(4)
    key = signup(base, username).json()["key"]
    response = requests.get(base + "/accounts/user/", headers=token_headers(key), timeout=10)
    assert response.status_code == 200 and response.json()["username"] == username
    response = requests.get(base + "/accounts/user/", timeout=10)
    assert response.status_code == 401 and "detail" in response.json()


def test_logout_makes_the_token_invalid(name, live):
    base = live(name).url
    key = signup(base).json()["key"]
    response = requests.post(base + "/accounts/logout/", headers=token_headers(key), timeout=10)
    assert response.status_code == 200, response.text
    assert (
        requests.get(base + "/accounts/user/", headers=token_headers(key), timeout=10).status_code
        == 401
    )
    response = requests.post(
        base + "/api/v1/articles/",
        headers=token_headers(key),
        json={"title": "t", "content": "c"},
        timeout=10,
    )
    assert response.status_code == 401


# ---------------------------------------------------------------------------------------------
# Writing with a token.


def test_posting_with_a_token_is_201_and_the_author_is_the_token(name, live, writer):
    base = live(name).url
    me = writer(name).get(base + "/accounts/user/", timeout=10).json()
    response = writer(name).post(
        base + "/api/v1/articles/",
        json={"title": "t", "content": "c", "user": me["pk"] + 1000},
        timeout=10,
    )
    assert response.status_code == 201, response.text
    assert response.json()["user"] == me["pk"]
    response = writer(name).post(
        f"{base}/api/v1/articles/{response.json()['id']}/comments/",
        json={"content": "c", "user": me["pk"] + 1000},
        timeout=10,
    )
    assert response.status_code == 201, response.text
    assert response.json()["user"] == me["pk"]


# ---------------------------------------------------------------------------------------------
# CORS


@pytest.mark.parametrize("origin", ALLOWED_ORIGINS)
def test_allowed_origins_get_allow_origin(name, live, origin):
    for path in ("/api/v1/articles/", "/api/v1/comments/"):
        response = requests.get(live(name).url + path, headers={"Origin": origin}, timeout=10)
        assert response.status_code == 200
        assert response.headers.get("Access-Control-Allow-Origin") == origin


@pytest.mark.parametrize("origin", OTHER_ORIGINS)
def test_other_origins_get_no_allow_origin(name, live, origin):
    response = requests.get(
        live(name).url + "/api/v1/articles/", headers={"Origin": origin}, timeout=10
    )
    assert response.status_code == 200  # the server answers; a browser would not show it
    assert "Access-Control-Allow-Origin" not in response.headers


@pytest.mark.parametrize("origin", ALLOWED_ORIGINS)
def test_preflight_for_a_post_with_a_token(name, live, origin):
    response = requests.options(
        live(name).url + "/api/v1/articles/",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
        timeout=10,
    )
    assert response.status_code == 200
    assert response.headers.get("Access-Control-Allow-Origin") == origin
    methods = {
        m.strip().upper() for m in response.headers["Access-Control-Allow-Methods"].split(",")
    }
    headers = {
        h.strip().lower() for h in response.headers["Access-Control-Allow-Headers"].split(",")
    }
    assert "POST" in methods
    assert {"authorization", "content-type"} <= headers


def test_preflight_from_another_origin_is_not_allowed(name, live):
    response = requests.options(
        live(name).url + "/api/v1/articles/",
        headers={
            "Origin": "http://evil.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization",
        },
        timeout=10,
    )
    assert "Access-Control-Allow-Origin" not in response.headers
