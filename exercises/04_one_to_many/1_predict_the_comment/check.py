"""Predict: a client-sent `article` is ignored, the URL's article wins."""

KIND = "predict"
EDIT = ["answers/1.txt"]
ANSWERS = ["status", "article"]
CHANGES_TESTS = []
TESTS = ["articles.tests.test_comments"]


def check(c):
    response = c.post(
        "/api/v1/articles/1/comments/", json={"content": "which article am I on?", "article": 2}
    )
    c.expect_answer("status", response.status_code)
    c.expect_answer("article", c.json(response).get("article") if response.ok else None)
