"""Lesson 03, exercise 3: predict five status codes of the CRUD API."""

KIND = "predict"
EDIT = ["answers/3.txt"]
CHANGES_TESTS = []
ANSWERS = ["created", "missing_content", "plain_text", "put_on_list", "second_delete"]
TESTS = ["articles.tests.test_api"]
LIST = "/api/v1/articles/"


def check(c):
    created = c.post(LIST, json={"title": "Hi", "content": "there"})
    c.expect_answer("created", created.status_code)
    c.expect_answer("missing_content", c.post(LIST, json={"title": "Hi"}).status_code)
    plain = c.post(LIST, data="title=Hi", headers={"Content-Type": "text/plain"})
    c.expect_answer("plain_text", plain.status_code)
    c.expect_answer("put_on_list", c.put(LIST, json={"title": "Hi", "content": "x"}).status_code)
    pk = c.json(created).get("id")
    c.require(pk is not None, c.describe(created) + "; the check needs the new article's id")
    c.delete(f"{LIST}{pk}/")
    c.expect_answer("second_delete", c.delete(f"{LIST}{pk}/").status_code)
