"""An article's author may delete, but not edit, the comments under it; nobody else gains anything."""

KIND = "code"
EDIT = ["articles/permissions.py", "articles/views.py", "articles/tests/test_auth.py"]
CHANGES_TESTS = []
TESTS = ["articles.tests.test_auth", "articles.tests.test_comments"]

TEST = (
    "articles.tests.test_auth.PermissionMatrixTests."
    "test_the_article_author_may_delete_but_not_edit_comments_on_it"
)


def check(c):
    tokens = {role: c.sign_up() for role in ("article_author", "commenter", "stranger", "admin")}
    admin = c._credentials[0]  # the last user signed up: made an admin (staff and superuser)
    c.django(
        "from django.contrib.auth import get_user_model\n"
        f"result = get_user_model().objects.filter(username={admin!r})"
        ".update(is_staff=True, is_superuser=True)"
    )

    def send(method, path, role=None, **kw):
        headers = {"Authorization": f"Token {tokens[role]}"} if role else {}
        return c.request(method, path, headers=headers, **kw)

    created = send(
        "POST", "/api/v1/articles/", "article_author", json={"title": "moderated", "content": "x"}
    )
    c.require_status(created, 201)
    article = c.json(created).get("id")

    def new_comment():
        response = send(
            "POST",
            f"/api/v1/articles/{article}/comments/",
            "commenter",
            json={"content": "a rude comment"},
        )
        c.require_status(response, 201)
        return f"/api/v1/comments/{c.json(response).get('id')}/"

    url = new_comment()
    who = {
        "article_author": "the article's author",
        "stranger": "another signed-in user",
        None: "a request without a token",
        "commenter": "the comment's author",
        "admin": "an admin (is_staff, is_superuser)",
    }
    for role, method, expected in (
        (None, "PUT", 401),
        (None, "DELETE", 401),
        ("stranger", "PUT", 403),
        ("stranger", "DELETE", 403),
        ("article_author", "PUT", 403),
        ("admin", "PUT", 403),
        ("admin", "DELETE", 403),
        ("commenter", "PUT", 200),
    ):
        response = send(method, url, role, json={"content": "edited"} if method == "PUT" else None)
        c.expect(
            response.status_code == expected,
            f"{c.describe(response)}, sent by {who[role]}; expected {expected}",
        )
    response = send("DELETE", url, "article_author")
    c.expect(
        response.status_code == 204,
        f"{c.describe(response)}, sent by the article's author; expected 204 No Content",
    )
    if response.status_code == 204:
        c.expect(
            send("GET", url).status_code == 404,
            f"the article's author deleted {url} with 204, but GET {url} still finds it",
        )
    # The comment's own author keeps the right to delete it.
    url = new_comment()
    response = send("DELETE", url, "commenter")
    c.expect(
        response.status_code == 204,
        f"{c.describe(response)}, sent by the comment's author; expected 204 No Content",
    )
    c.run_tests(TEST, "articles.tests.test_auth")
