"""JWT lifetimes by default: access 60 s, refresh 3600 s, read from a real pair of tokens."""

import base64
import json
import secrets

KIND = "code"
EDIT = ["config/settings.py", "README.md", "articles/tests/test_jwt.py"]
CHANGES_TESTS = []
# The settings tests that start the project as a server does, in production and in development
# (each a fresh process, about a second): an edit of settings.py that breaks either fails here.
SETTINGS_TESTS = "articles.tests.test_settings.SettingsTests."
TESTS = [
    "articles.tests.test_jwt",
    SETTINGS_TESTS + "test_check_deploy_is_clean_with_production_values",
    SETTINGS_TESTS + "test_debug_alone_is_enough_and_nothing_is_deprecated",
    SETTINGS_TESTS + "test_env_example_is_a_working_development_file",
]

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
    access, refresh = claims(pair.get("access", "x.e30.x")), claims(pair.get("refresh", "x.e30.x"))
    # Both expiries count from the moment the pair was made, the refresh token's iat (the access
    # token's own iat can be a second or two later on a busy machine).
    start = refresh.get("iat", 0)
    for name, payload, wanted in (("access", access, 60), ("refresh", refresh, 3600)):
        lifetime = payload.get("exp", 0) - start
        c.expect(
            lifetime == wanted,
            f"POST /accounts/jwt/create/ gave {name} tokens that live {lifetime} seconds; "
            f"expected {wanted}",
        )
    readme = c.file("README.md")
    c.expect(
        "`DJANGO_JWT_ACCESS_SECONDS` | `60`" in readme
        and "`DJANGO_JWT_REFRESH_SECONDS` | `3600`" in readme,
        "README.md's table of variables still gives the old defaults of "
        "DJANGO_JWT_ACCESS_SECONDS and DJANGO_JWT_REFRESH_SECONDS",
    )
    c.run_tests(TEST)
