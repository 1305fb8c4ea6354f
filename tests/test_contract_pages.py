"""Lesson 01 over a real socket: what only a real client and a live server show.

Each stage's own articles/tests/test_pages.py tests the pages and /echo/ with Django's test client;
here a real HTTP client talks to a live server of every stage from 01 on.
"""

import pytest
import requests

from course.testing import stages_from


@pytest.fixture(params=stages_from("01"))
def server(request, live):
    return live(request.param)


def test_the_fragment_never_reaches_the_server(server):
    response = requests.get(f"{server.url}/echo/page?tag=a&name=%ED%95%9C%EA%B8%80#section-2")
    assert response.status_code == requests.codes.ok
    received = response.json()
    assert received["path"] == "/echo/page"
    assert received["query"] == {"tag": ["a"], "name": ["한글"]}
    assert "section-2" not in response.text  # the client keeps the #fragment to itself


def test_a_client_follows_the_301_to_the_path_with_the_slash(server):
    response = requests.get(f"{server.url}/articles")
    assert [r.status_code for r in response.history] == [requests.codes.moved_permanently]
    assert response.url == f"{server.url}/articles/"
    assert response.status_code == requests.codes.ok
    assert response.headers["Content-Type"].startswith("text/html")
