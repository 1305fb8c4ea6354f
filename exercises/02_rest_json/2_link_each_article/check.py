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
    # The statement's rule: the path comes from the route's name, so the link follows the URLconf.
    if c.problems:
        return  # one mistake at a time
    source = c.django(
        "import inspect\n"
        "from django.urls import resolve\n"
        "result = inspect.getsource(resolve('/api/v1/json-1/').func)"
    )
    c.expect(
        "reverse(" in source and "'/articles/" not in source and '"/articles/' not in source,
        "the view of /api/v1/json-1/ writes /articles/ by hand: build the path with "
        "reverse('articles:article_detail', args=[article.pk])",
    )
