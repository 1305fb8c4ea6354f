"""Lesson 01, exercise 4 (break it): without @csrf_exempt, a POST to a page is refused by CSRF."""

KIND = "break"
EDIT = ["articles/views.py", "answers/4.txt"]
CHANGES_TESTS = []
ANSWERS = ["status", "reason"]
TESTS = ["articles.tests.test_pages"]

# What the page view does without @csrf_exempt, shown live in the copy's Django: the real view,
# wrapped as the stage wraps it but for the exemption, behind Django's CSRF middleware.
WITHOUT_EXEMPT = """
import inspect
from django.middleware.csrf import CsrfViewMiddleware
from django.test import RequestFactory
from django.views.decorators.http import require_safe
from articles import views

view = require_safe(inspect.unwrap(views.article_list))
request = RequestFactory().post('/articles/')
refused = CsrfViewMiddleware(view).process_view(request, view, (), {})
result = (refused or view(request)).status_code
"""


def check(c):
    truth = c.django(WITHOUT_EXEMPT)
    c.expect_answer("status", truth)
    reason = (c.answer("reason") or "").lower()
    c.expect(
        "csrf" in reason or "forgery" in reason or "위조" in reason,
        "answers/4.txt: the reason should name what refused the request (the page says it)",
    )
    response = c.post("/articles/")
    c.expect(
        response.status_code == 405,
        c.describe(response) + "; expected 405 Method Not Allowed: put @csrf_exempt back",
    )
