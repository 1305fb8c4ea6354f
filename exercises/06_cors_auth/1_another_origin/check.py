"""CORS: the client on port 5500 may call the API (a DELETE with a token too); other origins still may not."""

KIND = "code"
EDIT = ["config/settings.py"]
CHANGES_TESTS = []
TESTS = ["articles.tests.test_cors"]

NEW = ["http://localhost:5500", "http://127.0.0.1:5500"]
OLD = ["http://localhost:8080", "http://127.0.0.1:8080"]
EVIL = "http://evil.example"


def allow_origin(response):
    return response.headers.get("Access-Control-Allow-Origin")


def check(c):
    for origin in NEW + OLD + [EVIL]:
        response = c.options(
            "/api/v1/articles/1/",
            headers={
                "Origin": origin,
                "Access-Control-Request-Method": "DELETE",
                "Access-Control-Request-Headers": "authorization",
            },
        )
        allowed = allow_origin(response)
        methods = response.headers.get("Access-Control-Allow-Methods", "")
        if origin == EVIL:
            c.expect(
                allowed is None,
                f"a preflight from {EVIL} got Access-Control-Allow-Origin: {allowed}; only "
                f"the client's origins may be allowed",
            )
        else:
            c.expect(
                allowed == origin and "DELETE" in methods,
                f"OPTIONS /api/v1/articles/1/ (a preflight for DELETE) from {origin} answered "
                f"Access-Control-Allow-Origin: {allowed}, Access-Control-Allow-Methods: "
                f"{methods or None}; expected {origin} and a list with DELETE",
            )

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
