"""JWT lifetimes by default: access 60 s, refresh 3600 s, read from real tokens."""

import base64
import json
import secrets

KIND = "code"
EDIT = ["config/settings.py", "README.md", "articles/tests/test_jwt.py"]
CHANGES_TESTS = []
TESTS = ["articles.tests.test_jwt", "articles.tests.test_settings"]

TEST = "articles.tests.test_jwt.JWTTests.test_default_lifetimes_are_one_minute_and_one_hour"


def claims(token):
    """A JWT's payload, decoded without checking the signature (only to read iat and exp)."""
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def check(c):
    username, password = "jwt_" + secrets.token_hex(4), secrets.token_urlsafe(16)
    c.sign_up(username, password)
    response = c.post("/accounts/jwt/create/", json={"username": username, "password": password})
    c.require_status(response, 200)
    pair = c.json(response)
    for name, wanted in (("access", 60), ("refresh", 3600)):
        payload = claims(pair.get(name, "x.e30.x"))
        lifetime = payload.get("exp", 0) - payload.get("iat", 0)
        # One second either way: simplejwt may read the clock twice while it makes a pair.
        c.expect(abs(lifetime - wanted) <= 1,
                 f"POST /accounts/jwt/create/ gave a {name} token that lives {lifetime} seconds "
                 f"(exp - iat); expected {wanted}")
    readme = c.file("README.md")
    c.expect("`DJANGO_JWT_ACCESS_SECONDS` | `60`" in readme
             and "`DJANGO_JWT_REFRESH_SECONDS` | `3600`" in readme,
             "README.md's table of variables still gives the old defaults of "
             "DJANGO_JWT_ACCESS_SECONDS and DJANGO_JWT_REFRESH_SECONDS")
    c.run_tests(TEST)
