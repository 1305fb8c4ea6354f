"""Lesson 01's contract, against live servers of every stage from 01 on (a stage keeps it)."""

import pytest
import requests

from course.testing import stages_from

STAGES = stages_from("01")


@pytest.fixture(params=STAGES)
def server(request, live):
    return live(request.param)


def test_article_list_is_html_rendered_by_the_server(server):
    response = requests.get(f"{server.url}/articles/")
    assert response.status_code == requests.codes.ok
    assert response.headers["Content-Type"].startswith("text/html")
    assert "<li>" in response.text


def test_list_without_trailing_slash_redirects_permanently(server):
    response = requests.get(f"{server.url}/articles", allow_redirects=False)
    assert response.status_code == requests.codes.moved_permanently
    assert response.headers["Location"] == "/articles/"


def test_article_detail_and_missing_article(server):
    listing = requests.get(f"{server.url}/articles/").text
    href = listing.split('href="/articles/', 1)[1].split('"', 1)[0]  # "<pk>/"
    assert requests.get(f"{server.url}/articles/{href}").status_code == requests.codes.ok
    assert requests.get(f"{server.url}/articles/987654/").status_code == requests.codes.not_found
    assert requests.get(f"{server.url}/articles/abc/").status_code == requests.codes.not_found


def test_pages_refuse_writes_with_405_and_allow(server):
    response = requests.post(f"{server.url}/articles/", data={"title": "x"})
    assert response.status_code == requests.codes.method_not_allowed
    assert "GET" in response.headers["Allow"]


@pytest.mark.parametrize("method", ["GET", "POST", "PUT", "PATCH", "DELETE"])
def test_echo_reports_what_the_server_received(server, method):
    response = requests.request(
        method,
        f"{server.url}/echo/some/path?tag=a&tag=b&name=%ED%95%9C%EA%B8%80#fragment",
        data="몸통 body".encode(),
        headers={"Content-Type": "text/plain; charset=utf-8", "X-Lesson": "01"},
    )
    assert response.status_code == requests.codes.ok
    received = response.json()
    assert received["method"] == method
    assert received["path"] == "/echo/some/path"
    assert received["query"] == {"tag": ["a", "b"], "name": ["한글"]}
    assert received["headers"]["X-Lesson"] == "01"
    assert received["body"] == "몸통 body"
    assert "fragment" not in response.text  # the client keeps the #fragment to itself


def test_unknown_path_is_404(server):
    assert requests.get(f"{server.url}/no/such/page/").status_code == requests.codes.not_found
