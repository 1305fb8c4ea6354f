"""Lesson 01, exercise 1: predict the status codes of PATCH, OPTIONS and DELETE, and an Allow header."""

KIND = "predict"
EDIT = ["answers/1.txt"]
CHANGES_TESTS = []
ANSWERS = ["patch_echo", "options_list", "delete_detail", "allow"]
TESTS = ["articles.tests.test_pages"]


def _methods(value):
    return sorted(part.strip().upper() for part in str(value).split(",") if part.strip())


def check(c):
    patched = c.patch("/echo/x/", data="x")
    options = c.options("/articles/")
    deleted = c.delete("/articles/1/")
    c.expect_answer("patch_echo", patched.status_code)
    c.expect_answer("options_list", options.status_code)
    c.expect_answer("delete_detail", deleted.status_code)
    c.expect_answer("allow", options.headers.get("Allow", "(no Allow header)"), normalize=_methods)
