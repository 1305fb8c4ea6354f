"""The contract of lesson 02, over real HTTP: three JSON routes and the seed command.

Every stage from 02 on must still answer it; each test runs once per stage (``-k 04_one_to_many``).
"""

import re

import pytest
import requests

from course.stages import run_manage
from course.testing import stages_from

ROUTES = ["/api/v1/json-1/", "/api/v1/json-2/", "/api/v1/json-3/"]
HANGUL = re.compile("[\uac00-\ud7a3]")


@pytest.fixture(params=stages_from("02"))
def name(request):
    return request.param


def get(server, path, **headers):
    return requests.get(server.url + path, headers=headers, timeout=10)


def rows(server, path):
    """A JSON route's answer as [(id, title, content), ...], whatever its shape."""
    data = get(server, path).json()
    if path == "/api/v1/json-2/":
        return [(item["pk"], item["fields"]["title"], item["fields"]["content"]) for item in data]
    return [(item["id"], item["title"], item["content"]) for item in data]


def seed(server, *args, app="articles"):
    """``manage.py seed`` in its own process, beside the live server, on the same database."""
    return run_manage(server.stage_dir, "seed", app, *args, check=False, capture=True, timeout=60)


def test_json_routes_answer_200_json_lists(live, name):
    server = live(name)
    for path in ROUTES:
        response = get(server, path)
        assert response.status_code == 200, path
        assert response.headers["Content-Type"] == "application/json", path
        assert isinstance(response.json(), list), path


def test_json_routes_answer_the_same_data_in_three_shapes(live, name):
    server = live(name)
    first, second, third = (rows(server, path) for path in ROUTES)
    assert first, "the stage is prepared with articles"
    assert first == second == third
    for item in get(server, "/api/v1/json-2/").json():
        assert set(item) == {"model", "pk", "fields"} and item["model"] == "articles.article"
    for path in ("/api/v1/json-1/", "/api/v1/json-3/"):
        for item in get(server, path).json():
            assert {"id", "title", "content", "created_at", "updated_at"} <= set(item), path
            assert isinstance(item["created_at"], str), path


def test_json_3_is_the_browsable_api_with_accept_text_html(live, name):
    server = live(name)
    page = get(server, "/api/v1/json-3/", Accept="text/html")
    assert page.status_code == 200
    assert page.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "Django REST framework" in re.search(r"<title>(.*?)</title>", page.text, re.S).group(1)
    data = get(server, "/api/v1/json-3/", Accept="application/json")
    assert data.headers["Content-Type"] == "application/json"
    assert isinstance(data.json(), list)


def test_seed_adds_n_articles_that_every_route_shows_in_korean(live, name):
    server = live(name)
    before = {row[0] for row in rows(server, "/api/v1/json-1/")}
    proc = seed(server, "--number=5", "--locale", "ko_KR")
    assert proc.returncode == 0, proc.stderr
    assert "5" in proc.stdout and "articles" in proc.stdout, "it says what it made"
    for path in ROUTES:
        response = get(server, path)
        new = [row for row in rows(server, path) if row[0] not in before]
        assert len(new) == 5, path
        for _, title, content in new:
            assert HANGUL.search(title) and HANGUL.search(content), path
            assert title.encode("utf-8") in response.content, f"{path}: raw UTF-8, not \\u escapes"


# The refusals are the course's one `seed` command's (course/tests/test_seed.py, and each stage's
# articles/tests/test_seed.py in-process); over a subprocess they are shown once, on lesson 02.
@pytest.mark.xdist_group("02_rest_json")
@pytest.mark.parametrize(
    "args",
    [["--number=0"], ["--number=1000000000"], ["--locale", "xx_XX"]],
    ids=["zero", "absurd", "locale"],
)
def test_seed_refuses_bad_arguments_in_one_line_and_writes_nothing(live, args):
    server = live("02_rest_json")
    before = rows(server, "/api/v1/json-1/")
    proc = seed(server, *args)
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    assert (
        proc.stderr.strip().startswith("CommandError:")
        and len(proc.stderr.strip().splitlines()) == 1
    )
    assert rows(server, "/api/v1/json-1/") == before


@pytest.mark.xdist_group("02_rest_json")
def test_seed_refuses_an_unknown_app(live):
    server = live("02_rest_json")
    proc = seed(server, "--number=2", app="no_such_app")
    assert proc.returncode != 0 and "no_such_app" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_json_routes_refuse_writes_with_405(live, writer, name, method):
    server, session = live(name), writer(name)
    before = rows(server, "/api/v1/json-1/")
    for path in ROUTES:
        response = session.request(
            method, server.url + path, json={"title": "t", "content": "c"}, timeout=10
        )
        assert response.status_code == 405, (path, response.text[:200])
        assert method in response.json()["detail"], path  # says why, in JSON
        allowed = {m.strip() for m in response.headers["Allow"].split(",")}
        assert "GET" in allowed and method not in allowed, path
    assert rows(server, "/api/v1/json-1/") == before


def test_an_unknown_api_path_is_404(live, name):
    server = live(name)
    assert get(server, "/api/v1/json-4/").status_code == 404
