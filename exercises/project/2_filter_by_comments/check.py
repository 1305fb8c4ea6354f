"""?min_comments=<n> filters the article list on the annotated comment_count; bad values are 400."""

KIND = "code"
EDIT = ["articles/filters.py", "articles/views.py", "articles/tests/test_listing.py"]
CHANGES_TESTS = []
TESTS = ["articles.tests.test_listing", "articles.tests.test_schema", "articles.tests.test_queries"]

TEST = "articles.tests.test_listing.ListingTests.test_min_comments_filter"


def check(c):
    token = c.sign_up()
    author = c.get("/accounts/user/", headers={"Authorization": f"Token {token}"})
    c.require_status(author, 200)
    username = c.json(author).get("username")
    auth = {"Authorization": f"Token {token}"}
    made = {}
    for comments in (0, 1, 3):
        created = c.post(
            "/api/v1/articles/",
            json={"title": f"{comments} comments", "content": "x"},
            headers=auth,
        )
        c.require_status(created, 201)
        pk = c.json(created).get("id")
        made[pk] = comments
        for _ in range(comments):
            c.require_status(
                c.post(f"/api/v1/articles/{pk}/comments/", json={"content": "c"}, headers=auth), 201
            )
    for n in (0, 1, 2, 3, 4):
        path = f"/api/v1/articles/?author={username}&min_comments={n}"
        response = c.get(path)
        if not c.expect_status(response, 200):
            return
        got = sorted(item.get("id") for item in c.json(response).get("results", []))
        wanted = sorted(pk for pk, comments in made.items() if comments >= n)
        c.expect(
            got == wanted,
            f"GET {path} listed the articles {got}; expected {wanted} (the author's articles "
            f"have {sorted(made.values())} comments)",
        )
    bad = c.get("/api/v1/articles/?min_comments=many")
    if c.expect_status(bad, 400):
        c.expect(
            isinstance(c.json(bad).get("min_comments"), list),
            f"{c.describe(bad)}; expected the reason under the key min_comments",
        )
    c.run_tests(TEST)
