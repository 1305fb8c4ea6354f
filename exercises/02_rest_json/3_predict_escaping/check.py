"""Lesson 02, exercise 3: predict how json-1 writes ", <b> and Korean in its raw text."""

KIND = "predict"
EDIT = ["answers/3.txt"]
CHANGES_TESTS = []
ANSWERS = ["quote", "tag", "korean"]
TESTS = ["articles.tests.test_json"]
TITLE = 'Say "hi" to <b>안녕</b>'


def _written(raw, forms):
    """Which form (written -> how the learner writes it) appears in the raw text."""
    return next((answer for written, answer in forms if written in raw), "(none of them)")


def check(c):
    c.django(
        "from articles.models import Article\n"
        f"Article.objects.create(title={TITLE!r}, content='escaping')\n"
        "result = True"
    )
    response = c.get("/api/v1/json-1/")
    c.require_status(response, 200)
    raw = response.text
    exact = str.strip
    c.expect_answer(
        "quote",
        _written(raw, [('Say \\"hi\\"', '\\"'), ("Say &quot;hi", "&quot;"), ('Say "hi"', '"')]),
        normalize=exact,
    )
    c.expect_answer(
        "tag",
        _written(
            raw,
            [("\\u003cb\\u003e", "\\u003cb\\u003e"), ("&lt;b&gt;", "&lt;b&gt;"), ("<b>", "<b>")],
        ),
    )
    c.expect_answer(
        "korean", _written(raw, [("\\uc548\\ub155", "\\uc548\\ub155"), ("안녕", "안녕")])
    )
