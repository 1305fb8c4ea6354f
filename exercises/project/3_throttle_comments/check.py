"""ScopedRateThrottle: 5 new comments a minute per user, the 6th is 429 with Retry-After."""

KIND = "code"
EDIT = ["config/settings.py", "articles/views.py", "articles/tests/test_auth.py"]
CHANGES_TESTS = []
TESTS = [
    "articles.tests.test_auth",
    "articles.tests.test_articles",
    "articles.tests.test_bad_input",
    "articles.tests.test_permissions",
    "articles.tests.test_schema",
]  # the ones that post comments

TEST = "articles.tests.test_auth.ThrottleTests.test_new_comments_are_throttled_per_user"


def check(c):
    first, second = c.sign_up(), c.sign_up()
    auth = {"Authorization": f"Token {first}"}
    created = c.post("/api/v1/articles/", json={"title": "busy", "content": "x"}, headers=auth)
    c.require_status(created, 201)
    path = f"/api/v1/articles/{c.json(created).get('id')}/comments/"
    codes = []
    for i in range(6):
        response = c.post(path, json={"content": f"comment {i + 1}"}, headers=auth)
        codes.append(response.status_code)
    c.expect(
        codes == [201] * 5 + [429],
        f"six POST {path} by one user in a row answered {codes}; expected five 201 and then 429",
    )
    if codes[-1] == 429:
        c.expect(
            response.headers.get("Retry-After", "").isdigit(),
            f"the 429 came without a Retry-After header: the client cannot know how long to "
            f"wait ({c.describe(response)})",
        )
        listed = c.get(f"/api/v1/comments/?article={path.split('/')[4]}")
        if c.expect_status(listed, 200):
            c.expect(
                c.json(listed).get("count") == 5,
                f"after the refused 6th comment the article has {c.json(listed).get('count')} "
                f"comments; a 429 must write nothing",
            )
    other = c.post(
        path, json={"content": "someone else"}, headers={"Authorization": f"Token {second}"}
    )
    c.expect(
        other.status_code == 201,
        f"{c.describe(other)} for another user; expected 201: each user has a budget of their own",
    )
    reads = [c.get("/api/v1/articles/", headers=auth).status_code for _ in range(6)]
    c.expect(
        all(code == 200 for code in reads),
        f"six GET /api/v1/articles/ by the same user answered {reads}; reading must not be "
        f"limited to 5 a minute",
    )
    c.run_tests(TEST)
