"""Lesson 01, exercise 4 (break it): without @csrf_exempt, a POST to /echo/ is refused by CSRF."""

KIND = "break"
EDIT = ["articles/views.py", "answers/4.txt"]
CHANGES_TESTS = []
ANSWERS = ["status", "reason"]
TESTS = ["articles.tests.test_pages"]

# What the echo view does without @csrf_exempt, shown live in the copy's Django: the real view,
# unwrapped, behind Django's CSRF middleware.
WITHOUT_EXEMPT = """
import inspect
from django.middleware.csrf import CsrfViewMiddleware
from django.test import RequestFactory
from articles import views

view = inspect.unwrap(views.echo)
request = RequestFactory().post('/echo/x/', data='hello', content_type='text/plain')
refused = CsrfViewMiddleware(view).process_view(request, view, (), {'rest': 'x/'})
result = (refused or view(request, rest='x/')).status_code
"""


def check(c):
    truth = c.django(WITHOUT_EXEMPT)
    c.expect_answer("status", truth)
    reason = (c.answer("reason") or "").lower()
    c.expect(
        "csrf" in reason or "forgery" in reason or "위조" in reason,
        "answers/4.txt: the reason should name what refused the request (the page says it)",
    )
    response = c.post("/echo/x/", data="hello")
    c.expect(
        response.status_code == 200,
        c.describe(response) + "; expected 200 OK: put @csrf_exempt back",
    )
