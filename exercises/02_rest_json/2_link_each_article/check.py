"""Lesson 02, exercise 2: json-1 gives each article the absolute URL of its page."""

KIND = "code"
EDIT = ["articles/views.py"]
CHANGES_TESTS = []
TESTS = ["articles.tests.test_json"]


def check(c):
    response = c.get("/api/v1/json-1/")
    c.require_status(response, 200)
    items = c.json(response)
    c.require(
        items, "GET /api/v1/json-1/ answered an empty list: the check needs the stage's articles"
    )
    for item in items:
        expected = f"{c.url}/articles/{item.get('id')}/"
        if not c.expect(
            item.get("url") == expected,
            f"GET /api/v1/json-1/: article {item.get('id')} has url {item.get('url')!r}; "
            f"expected {expected!r}",
        ):
            break
        c.expect(
            {"id", "title", "content", "created_at", "updated_at"} <= item.keys(),
            f"GET /api/v1/json-1/: article {item.get('id')} lost a field: {sorted(item)}",
        )
    else:
        page = c.request("GET", items[0]["url"][len(c.url) :])
        c.expect_status(page, 200)
