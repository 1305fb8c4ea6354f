"""Lesson 01, exercise 3: GET /articles/?q=... filters the list page by title."""

from urllib.parse import quote

KIND = "code"
EDIT = ["articles/views.py"]
CHANGES_TESTS = []
TESTS = ["articles.tests.test_pages"]


def check(c):
    titles = c.django(
        "from articles.models import Article\n"
        "result = list(Article.objects.values_list('title', flat=True))"
    )
    c.require(len(titles) >= 2, "the stage's articles are missing: was the fixture loaded?")
    wanted = next(t for t in titles if "URI" in t)
    others = [t for t in titles if "uri" not in t.lower()]

    def page(query):
        response = c.get("/articles/" + query)
        c.require_status(response, 200)
        return response.text

    for query in ("?q=URI", "?q=uri"):
        text = page(query)
        c.expect(_html(wanted) in text, f"GET /articles/{query} does not show {wanted!r}")
        shown = [t for t in others if _html(t) in text]
        c.expect(
            not shown,
            f"GET /articles/{query} still shows {shown}: only titles containing "
            "'URI' (any case) should be listed",
        )
    for query in ("", "?q="):
        text = page(query)
        c.expect(
            all(_html(t) in text for t in titles),
            f"GET /articles/{query} should list every article, as before",
        )
    # Korean has no case: the filter must still find a title by any part of it.
    korean = c.django(
        "from articles.models import Article\n"
        "result = Article.objects.create(title='검색 연습 URI', content='q').title"
    )
    text = page("?q=" + quote("검색"))
    c.expect(_html(korean) in text, f"GET /articles/?q=검색 does not show {korean!r}")
    # SQLite's LIKE ignores the case of ASCII letters for contains and icontains alike (and of no
    # other letter), so only the code can say whether the case is ignored on every database.
    code = c.file("articles/views.py")
    c.expect(
        "__contains" not in code or "__icontains" in code,
        "articles/views.py filters with title__contains: it ignores case only on SQLite and only "
        "for ASCII letters; title__icontains says what you mean on every database",
    )
    text = page("?q=" + quote("no such title 없음"))
    c.expect(
        not any(_html(t) in text for t in titles),
        "GET /articles/?q=no such title 없음 should list no article",
    )


def _html(text):
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )
