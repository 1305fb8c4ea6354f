"""Lesson 01, exercise 2: which parts of a URL reach the server, decoded how."""

KIND = "predict"
EDIT = ["answers/2.txt"]
CHANGES_TESTS = []
ANSWERS = ["path", "q", "tags", "fragment_seen"]
TESTS = ["articles.tests.test_pages"]
URL = "/echo/search/?q=%EC%9E%A5%EA%B3%A0+REST&tag=django&tag=drf#results"


def _items(value):
    return [part.strip() for part in str(value).replace(";", ",").split(",") if part.strip()]


def check(c):
    response = c.get(URL)
    c.require_status(response, 200)
    echo = c.json(response)
    seen = "yes" if "results" in response.text else "no"
    c.expect_answer("path", echo["path"])
    c.expect_answer("q", (echo["query"].get("q") or [""])[0])
    c.expect_answer("tags", ", ".join(echo["query"].get("tag", [])), normalize=_items)
    c.expect_answer("fragment_seen", seen)
