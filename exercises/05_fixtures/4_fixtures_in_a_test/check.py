"""A TestCase that loads only articles.json and checks comment_count 0 for every article."""

KIND = "code"
EDIT = ["articles/tests/test_fixtures.py"]
CHANGES_TESTS = []
TESTS = ["articles.tests.test_fixtures"]

LABEL = "articles.tests.test_fixtures.ArticlesWithoutCommentsTests"

INSPECT = """
import inspect
from articles.tests import test_fixtures
cls = getattr(test_fixtures, 'ArticlesWithoutCommentsTests', None)
method = getattr(cls, 'test_every_article_answers_comment_count_0', None)
result = {
    'class': cls is not None,
    'fixtures': list(getattr(cls, 'fixtures', None) or []),
    'method': method is not None,
    'source': inspect.getsource(method) if method else '',
}
"""


def check(c):
    found = c.django(INSPECT)
    c.expect(
        found["class"], "articles/tests/test_fixtures.py has no class ArticlesWithoutCommentsTests"
    )
    if not found["class"]:
        return
    c.expect(
        found["fixtures"] == ["articles.json"],
        f"ArticlesWithoutCommentsTests.fixtures is {found['fixtures']}; expected "
        f"['articles.json'] only",
    )
    c.expect(
        found["method"],
        "ArticlesWithoutCommentsTests has no method test_every_article_answers_comment_count_0",
    )
    c.expect(
        "comment_count" in found["source"] and "api_article_detail" in found["source"],
        "test_every_article_answers_comment_count_0 must request each article with "
        "reverse('articles:api_article_detail', ...) and check its comment_count",
    )
    c.expect(
        "comment_set" in found["source"],
        "test_every_article_answers_comment_count_0 must check that each article's comment_set "
        "is empty too (the statement asks for both)",
    )
    c.run_tests(LABEL)
