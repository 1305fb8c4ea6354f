"""Lesson 03, exercise 2: validate_title refuses a title made only of digits, with a 400."""

import re
from http import HTTPStatus

KIND = "code"
EDIT = ["articles/serializers.py", "articles/tests/test_api.py"]
CHANGES_TESTS = []
TESTS = ["articles.tests.test_api"]


def check(c):
    count = lambda: len(c.json(c.get("/api/v1/articles/")))  # noqa: E731
    before = count()
    refused = True
    for title in ("2024", "  123 "):
        response = c.post("/api/v1/articles/", json={"title": title, "content": "digits"})
        if c.expect_status(response, HTTPStatus.BAD_REQUEST):
            c.expect(
                "title" in c.json(response),
                f"POST /api/v1/articles/ {{'title': {title!r}}}: the 400 should name 'title', "
                f"got {response.text[:120]}",
            )
        else:
            refused = False
    if refused:
        c.expect(count() == before, "a refused POST wrote an article: a 400 must write nothing")

    fine = c.post("/api/v1/articles/", json={"title": "Web 2.0", "content": "letters and digits"})
    c.require_status(fine, HTTPStatus.CREATED)
    url = f"/api/v1/articles/{c.json(fine)['id']}/"
    if c.expect_status(c.put(url, json={"title": "42", "content": "x"}), HTTPStatus.BAD_REQUEST):
        c.expect(c.json(c.get(url)).get("title") == "Web 2.0", f"a refused PUT changed {url}")
    c.expect(
        "validate_title" in c.file("articles/serializers.py"),
        "the rule belongs in the serializer: a validate_title method of ArticleSerializer",
    )
    # "Add a test of your own": a test method the shipped stage does not have (the stage's own
    # tests, run after this check, prove it passes).
    shipped = (c.exercise.stage.path / "articles" / "tests" / "test_api.py").read_text(
        encoding="utf-8"
    )
    names = set(re.findall(r"def (test_\w+)", c.file("articles/tests/test_api.py")))
    c.expect(
        names - set(re.findall(r"def (test_\w+)", shipped)),
        "no test of your own yet: add one to ArticleBadInputTests in articles/tests/test_api.py "
        "(a title of only digits answers 400)",
    )
