"""Lesson 01, exercise 1: predict the status codes of PATCH, OPTIONS, DELETE and HEAD."""

KIND = "predict"
EDIT = ["answers/1.txt"]
CHANGES_TESTS = []
ANSWERS = ["patch_echo", "options_list", "delete_detail", "head_list"]
TESTS = ["articles.tests.test_pages"]


def check(c):
    patched = c.patch("/echo/x/", data="x")
    options = c.options("/articles/")
    deleted = c.delete("/articles/1/")
    head = c.head("/articles/")
    c.expect_answer("patch_echo", patched.status_code)
    c.expect_answer("options_list", options.status_code)
    c.expect_answer("delete_detail", deleted.status_code)
    c.expect_answer("head_list", head.status_code)
