"""Predict: a DELETE with a foreign Origin, sent by a program, is run; it only lacks the CORS header."""

KIND = "predict"
EDIT = ["answers/2.txt"]
ANSWERS = ["status", "allow_origin"]
CHANGES_TESTS = []
TESTS = ["articles.tests.test_cors"]


def check(c):
    token = c.sign_up()
    auth = {"Authorization": f"Token {token}"}
    created = c.post("/api/v1/articles/", json={"title": "mine", "content": "x"}, headers=auth)
    c.require_status(created, 201)
    pk = c.json(created).get("id")
    response = c.delete(
        f"/api/v1/articles/{pk}/", headers={**auth, "Origin": "http://evil.example"}
    )
    c.expect_answer("status", response.status_code)
    c.expect_answer(
        "allow_origin",
        response.headers.get("Access-Control-Allow-Origin") or "none",
        normalize=lambda value: (
            str(value)
            .strip()
            .strip("`'\"")
            .lower()
            .replace("null", "none")
            .replace("(none)", "none")
        ),
    )
