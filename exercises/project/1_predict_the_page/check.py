"""Predict: the paginated list's shape, a page out of range, a filter value that is not a date."""

KIND = "predict"
EDIT = ["answers/1.txt"]
ANSWERS = ["keys", "page_999", "bad_date"]
CHANGES_TESTS = []
TESTS = ["articles.tests.test_listing"]


def key_set(value):
    text = value if isinstance(value, str) else ",".join(value)
    return ",".join(
        sorted(
            part.strip().strip("`'\"").lower()
            for part in text.replace(" ", ",").split(",")
            if part.strip()
        )
    )


def check(c):
    listing = c.get("/api/v1/articles/")
    c.require_status(listing, 200)
    body = c.json(listing)
    c.expect_answer("keys", list(body) if isinstance(body, dict) else "a list", normalize=key_set)
    c.expect_answer("page_999", c.get("/api/v1/articles/?page=999").status_code)
    c.expect_answer("bad_date", c.get("/api/v1/articles/?created_after=yesterday").status_code)
