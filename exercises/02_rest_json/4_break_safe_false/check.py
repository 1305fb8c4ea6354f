"""Lesson 02, exercise 4 (break it): JsonResponse refuses a list without safe=False."""

KIND = "break"
EDIT = ["articles/views.py", "answers/4.txt"]
CHANGES_TESTS = []
ANSWERS = ["status", "exception"]
TESTS = ["articles.tests.test_json"]

# What JsonResponse does with a list and no safe=False, in the copy's own Django.
WITHOUT_SAFE = """
from django.http import JsonResponse
try:
    JsonResponse([{'id': 1}])
    result = 'no exception'
except Exception as error:
    result = type(error).__name__
"""


def check(c):
    c.expect_answer("exception", c.django(WITHOUT_SAFE))
    c.expect_answer("status", 500)  # an exception no code catches is a server error
    response = c.get("/api/v1/json-1/")
    c.expect(
        response.status_code == 200, c.describe(response) + "; expected 200 OK: put safe=False back"
    )
