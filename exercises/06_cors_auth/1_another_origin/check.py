"""CORS: the client on port 5500 may call the API (a DELETE with a token too); other origins still may not."""

KIND = "code"
EDIT = ["config/settings.py"]
CHANGES_TESTS = []
TESTS = ["articles.tests.test_cors"]

NEW = ["http://localhost:5500", "http://127.0.0.1:5500"]
OLD = ["http://localhost:8080", "http://127.0.0.1:8080"]
# Other origins stay refused, also those a too-wide regex or a wildcard would let in.
EVIL = [
    "http://evil.example",
    "http://evil.example:5500",
    "http://localhost.evil.example:5500",
    "http://127.0.0.1:5501",
]


def allow_origin(response):
    return response.headers.get("Access-Control-Allow-Origin")


def preflight(c, origin):
    return c.options(
        "/api/v1/articles/1/",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "DELETE",
            "Access-Control-Request-Headers": "authorization",
        },
    )


def check(c):
    refused = []
    for origin in NEW + OLD:
        response = preflight(c, origin)
        methods = response.headers.get("Access-Control-Allow-Methods", "")
        if allow_origin(response) != origin or "DELETE" not in methods:
            refused.append(origin)
    c.expect(
        not refused,
        "a preflight for a DELETE (OPTIONS /api/v1/articles/1/) from "
        + ", ".join(refused)
        + " got no Access-Control-Allow-Origin for it: add the two 5500 origins to "
        "CORS_ALLOWED_ORIGINS, and keep the 8080 ones",
    )
    let_in = [origin for origin in EVIL if allow_origin(preflight(c, origin)) is not None]
    c.expect(
        not let_in,
        f"a preflight from {', '.join(let_in)} was allowed: only the client's four origins may "
        "be (name them one by one; a regex or a wildcard lets others in)",
    )
    if c.problems:
        return  # one mistake at a time

    # The real request after the preflight: the page deletes an article of its own.
    token = c.sign_up()
    auth = {"Authorization": f"Token {token}", "Origin": NEW[0]}
    created = c.post("/api/v1/articles/", json={"title": "from 5500", "content": "x"}, headers=auth)
    c.require_status(created, 201)
    pk = c.json(created).get("id")
    deleted = c.delete(f"/api/v1/articles/{pk}/", headers=auth)
    if c.expect_status(deleted, 204):
        c.expect(
            allow_origin(deleted) == NEW[0],
            f"DELETE /api/v1/articles/{pk}/ from {NEW[0]} answered 204 without "
            f"Access-Control-Allow-Origin: {NEW[0]}: the browser would hide the answer",
        )
    c.run_tests("articles.tests.test_cors")
