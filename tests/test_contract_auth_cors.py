"""The contract of lessons/06_cors_auth, fired with real HTTP at live servers of every stage from 06 on.

Sign-up, log-in, log-out and the user route; reads open to everyone; writes only with a token;
changes only by the author; CORS headers for the client's origins and for nobody else.
``writer(name)`` is a signed-in user (see conftest.py); ``other`` signs up a second one.
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


def new_article(name, live, writer):
    response = writer(name).post(
        live(name).url + "/api/v1/articles/",
        json={"title": "by the writer", "content": "본문"},
        timeout=10,
    )
    assert response.status_code == 201, response.text
    return response.json()


def new_comment(name, live, writer, article_id):
    response = writer(name).post(
        f"{live(name).url}/api/v1/articles/{article_id}/comments/",
        json={"content": "댓글"},
        timeout=10,
    )
    assert response.status_code == 201, response.text
    return response.json()


@pytest.fixture
def other(live):
    """``other(name)`` -> headers of another freshly signed-up user of that live stage."""

    def get(name):
        response = signup(live(name).url)
        assert response.status_code == 201, response.text
        return token_headers(response.json()["key"])

    return get


# ---------------------------------------------------------------------------------------------
# /accounts/


def test_signup_answers_201_with_a_key(name, live):
    response = signup(live(name).url)
    assert response.status_code == 201, response.text
    assert set(response.json()) == {"key"} and response.json()["key"]


@pytest.mark.parametrize("case", ["passwords differ", "weak password", "taken name", "no username"])
def test_signup_errors_are_400_with_field_errors(name, live, case):
    base = live(name).url
    taken = "taken_" + secrets.token_hex(4)
    assert signup(base, taken).status_code == 201
    kwargs, field = {
        "passwords differ": (dict(password2=PASSWORD + "!"), "non_field_errors"),
        "weak password": (dict(password1="1234", password2="1234"), "password1"),
        "taken name": (dict(username=taken), "username"),
        "no username": (dict(username=""), "username"),
    }[case]
    response = signup(base, **kwargs)
    assert response.status_code == 400, response.text
    body = response.json()
    assert field in body and isinstance(body[field], list) and body[field], body


def test_signup_with_a_broken_body_is_4xx(name, live):
    response = requests.post(
        live(name).url + "/accounts/signup/",
        data="{not json",
        headers={"Content-Type": "application/json"},
        timeout=10,
    )
    assert 400 <= response.status_code < 500


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
# Reading is open; writing needs a token; changing needs authorship.


def test_everyone_reads_articles_and_comments(name, live, writer):
    base = live(name).url
    article = new_article(name, live, writer)
    comment = new_comment(name, live, writer, article["id"])
    for path in (
        "/api/v1/articles/",
        f"/api/v1/articles/{article['id']}/",
        "/api/v1/comments/",
        f"/api/v1/comments/{comment['id']}/",
    ):
        response = requests.get(base + path, timeout=10)
        assert response.status_code == 200, (path, response.text)


def test_posting_needs_a_token(name, live, writer):
    base = live(name).url
    article_id = new_article(name, live, writer)["id"]
    before = requests.get(base + "/api/v1/articles/", timeout=10).json()
    response = requests.post(
        base + "/api/v1/articles/", json={"title": "anon", "content": "x"}, timeout=10
    )
    assert response.status_code == 401 and "detail" in response.json()
    response = requests.post(
        f"{base}/api/v1/articles/{article_id}/comments/", json={"content": "anon"}, timeout=10
    )
    assert response.status_code == 401
    assert requests.get(base + "/api/v1/articles/", timeout=10).json() == before


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


@pytest.mark.parametrize("kind", ["article", "comment"])
def test_only_the_author_puts_or_deletes(name, live, writer, other, kind):
    base = live(name).url
    article = new_article(name, live, writer)
    if kind == "article":
        url, body = f"{base}/api/v1/articles/{article['id']}/", {"title": "new", "content": "new"}
    else:
        comment = new_comment(name, live, writer, article["id"])
        url, body = f"{base}/api/v1/comments/{comment['id']}/", {"content": "new"}
    before = requests.get(url, timeout=10).json()
    stranger = other(name)
    for method in ("put", "delete"):
        response = requests.request(method, url, json=body, headers=stranger, timeout=10)
        assert response.status_code == 403, (method, response.text)
        assert "detail" in response.json()
        response = requests.request(method, url, json=body, timeout=10)
        assert response.status_code == 401, (method, response.text)
    assert requests.get(url, timeout=10).json() == before  # nothing changed
    response = writer(name).put(url, json=body, timeout=10)
    assert response.status_code == 200, response.text
    response = writer(name).delete(url, timeout=10)
    assert response.status_code == 204 and response.content == b""
    assert requests.get(url, timeout=10).status_code == 404


@pytest.mark.parametrize(
    "header",
    [
        "Token",
        "Token ",
        "Token a b",
        "Token not-a-real-key",
        "Token 0000000000000000000000000000000000000000",
        "Token \xed\x86\xa0\xed\x81\xb0",  # UTF-8 bytes of Korean text, as they cross the wire
    ],
)
def test_malformed_or_unknown_tokens_are_401_never_500(name, live, header):
    base = live(name).url
    for method, path, body in (
        ("get", "/api/v1/articles/", None),
        ("post", "/api/v1/articles/", {"title": "t", "content": "c"}),
        ("get", "/accounts/user/", None),
    ):
        response = requests.request(
            method,
            base + path,
            json=body,
            headers={"Authorization": header.encode("latin-1")},
            timeout=10,
        )
        assert response.status_code == 401, (method, path, response.status_code, response.text)
        assert "detail" in response.json()


@pytest.mark.parametrize("header", ["Bearer abc", "Basic Zm9vOmJhcg==", "garbage"])
def test_other_authorization_schemes_cannot_write(name, live, header):
    response = requests.post(
        live(name).url + "/api/v1/articles/",
        headers={"Authorization": header},
        json={"title": "t", "content": "c"},
        timeout=10,
    )
    assert response.status_code == 401, response.text


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
