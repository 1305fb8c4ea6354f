"""Lesson 03, exercise 5: predict what GET and POST to /api/v1/articles (no slash) answer."""

KIND = "predict"
EDIT = ["answers/5.txt"]
CHANGES_TESTS = []
ANSWERS = ["get_status", "post_status", "created"]
TESTS = ["articles.tests.test_api"]
LIST = "/api/v1/articles/"


def check(c):
    before = c.json(c.get(LIST))
    got = c.get(LIST.rstrip("/"))
    posted = c.post(LIST.rstrip("/"), json={"title": "Hi", "content": "there"})
    after = c.json(c.get(LIST))
    c.expect_answer("get_status", got.status_code)
    c.expect_answer("post_status", posted.status_code)
    c.expect_answer("created", len(after) - len(before))
