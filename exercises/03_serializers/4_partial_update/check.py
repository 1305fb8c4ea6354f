"""Lesson 03, exercise 4: PATCH /api/v1/articles/<pk>/ with partial=True."""

from http import HTTPStatus

KIND = "code"
EDIT = ["articles/views.py", "articles/tests/test_api.py"]
CHANGES_TESTS = [
    "articles.tests.test_api.ArticleBadInputTests.test_methods_not_allowed_are_405_with_allow"
]
TESTS = ["articles.tests.test_api"]


def check(c):
    created = c.post("/api/v1/articles/", json={"title": "Before", "content": "kept as it is"})
    c.require_status(created, HTTPStatus.CREATED)
    pk = c.json(created)["id"]
    url = f"/api/v1/articles/{pk}/"

    response = c.patch(url, json={"title": "After"})
    if c.expect_status(response, HTTPStatus.OK):
        body = c.json(response)
        c.expect(
            body.get("title") == "After",
            f"PATCH {url} {{'title': 'After'}} answered title {body.get('title')!r}; expected 'After'",
        )
        c.expect(
            body.get("content") == "kept as it is",
            f"PATCH {url} with only a title changed the content to {body.get('content')!r}: "
            "a partial update keeps the fields it was not sent",
        )
        stored = c.json(c.get(url))
        c.expect(
            stored.get("title") == "After",
            f"after the PATCH, GET {url} still says {stored.get('title')!r}: was the change saved?",
        )

    before = c.json(c.get(url)).get("title")
    bad = c.patch(url, json={"title": ""})
    if c.expect_status(bad, HTTPStatus.BAD_REQUEST):
        c.expect(
            "title" in c.json(bad),
            f"PATCH {url} {{'title': ''}}: the 400 should name the "
            f"field 'title', got {bad.text[:120]}",
        )
        c.expect(
            c.json(c.get(url)).get("title") == before,
            f"a refused PATCH changed the article {url}: a 400 must write nothing",
        )

    c.expect_status(c.patch("/api/v1/articles/999999/", json={"title": "x"}), HTTPStatus.NOT_FOUND)

    # PUT stays a full update: only PATCH is partial.
    put = c.put(url, json={"title": "Only a title"})
    if put.status_code != HTTPStatus.BAD_REQUEST:
        c.expect(
            False,
            f"{c.describe(put)}: a PUT replaces the whole article, so one without its content is "
            "a 400; keep partial=True for PATCH only",
        )
    allow = c.options(url).headers.get("Allow", "")
    c.expect(
        "PATCH" in allow, f"OPTIONS {url}: the Allow header is {allow!r}; it should list PATCH"
    )
    c.expect("PUT" in allow, f"OPTIONS {url}: the Allow header is {allow!r}; PUT must stay")
    c.run_tests(CHANGES_TESTS[0])  # the test the learner updates
