"""Lesson 05's contract: a fresh copy of the stage, prepared the way `course lab` does it (migrate,
then loaddata of articles/fixtures/*.json), serves exactly the fixture data through the API."""

import json

import pytest
import requests

from course.server import LiveServer
from course.stages import fixtures, resolve
from course.testing import copy_stage, stages_from

STAGES = stages_from("05")


@pytest.fixture(scope="module", params=STAGES)
def fresh(request, tmp_path_factory):
    """(stage, server): a copy of its own, so no other test's writes can change what it serves."""
    stage = resolve(request.param)
    copy = copy_stage(stage, tmp_path_factory.mktemp("fixtures"))
    with LiveServer(copy.path) as server:
        yield stage, server


def rows(stage, model):
    found = []
    for path in fixtures(stage):
        found += [r for r in json.loads(path.read_text(encoding="utf-8")) if r["model"] == model]
    return found


def test_the_stage_ships_fixtures_of_articles_and_comments(fresh):
    stage, _ = fresh
    names = [path.name for path in fixtures(stage)]
    assert "articles.json" in names and "comments.json" in names
    assert rows(stage, "articles.article") and rows(stage, "articles.comment")


def test_the_article_list_is_the_fixture_articles(fresh):
    stage, server = fresh
    served = requests.get(f"{server.url}/api/v1/articles/").json()
    assert {(a["id"], a["title"]) for a in served} == {
        (r["pk"], r["fields"]["title"]) for r in rows(stage, "articles.article")
    }


def test_the_comment_list_is_the_fixture_comments(fresh):
    stage, server = fresh
    served = requests.get(f"{server.url}/api/v1/comments/").json()
    assert {(c["id"], c["article"], c["content"]) for c in served} == {
        (r["pk"], r["fields"]["article"], r["fields"]["content"])
        for r in rows(stage, "articles.comment")
    }


def test_each_article_detail_nests_its_fixture_comments(fresh):
    stage, server = fresh
    comments = rows(stage, "articles.comment")
    for article in rows(stage, "articles.article"):
        data = requests.get(f"{server.url}/api/v1/articles/{article['pk']}/").json()
        expected = {c["pk"] for c in comments if c["fields"]["article"] == article["pk"]}
        assert data["title"] == article["fields"]["title"]
        assert data["content"] == article["fields"]["content"]
        assert {c["id"] for c in data["comment_set"]} == expected
        assert data["comment_count"] == len(expected)
