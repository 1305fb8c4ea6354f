"""Lesson 02's seed command in its own process, beside a live server on the same database.

Each stage's articles/tests/test_json.py and test_seed.py test the JSON routes and the command
in-process; here ``manage.py seed`` runs as a learner runs it, and the live server shows its rows.
"""

import re

import pytest
import requests

from course.run import run_manage
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
