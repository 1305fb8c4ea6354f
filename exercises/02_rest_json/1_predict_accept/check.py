"""Lesson 02, exercise 1: predict what json-3 answers to three Accept headers, and json-1 to XML."""

KIND = "predict"
EDIT = ["answers/1.txt"]
CHANGES_TESTS = []
ANSWERS = ["plain_type", "html_type", "xml_status", "json1_xml_status"]
TESTS = ["articles.tests.test_json"]


def _type(response):
    return response.headers.get("Content-Type", "(none)").split(";")[0].strip()


def check(c):
    url = "/api/v1/json-3/"
    plain = c.get(url, headers={"Accept": "*/*"})
    html = c.get(url, headers={"Accept": "text/html"})
    xml = c.get(url, headers={"Accept": "application/xml"})
    json1 = c.get("/api/v1/json-1/", headers={"Accept": "application/xml"})
    c.expect_answer("plain_type", _type(plain))
    c.expect_answer("html_type", _type(html))
    c.expect_answer("xml_status", xml.status_code)
    c.expect_answer("json1_xml_status", json1.status_code)
