"""Lesson 04's contract (comments, 1:N), against live servers of every stage from 04 on."""

import pytest
import requests

from course.testing import stages_from

STAGES = stages_from("04")
COMMENT_KEYS = {"id", "article", "content", "created_at", "updated_at"}


@pytest.fixture(params=STAGES)
def name(request):
    return request.param


@pytest.fixture
def server(name, live):
    return live(name)


@pytest.fixture
def client(name, writer, server):
    return writer(name)


@pytest.fixture
def article_pk(server, client):
    """An article of the stage's own (an article its data already has)."""
    articles = requests.get(f"{server.url}/api/v1/articles/").json()
    assert articles, "a prepared stage has articles"
    return articles[0]["id"]


@pytest.fixture
def other_article_pk(server, article_pk):
    articles = requests.get(f"{server.url}/api/v1/articles/").json()
    others = [a["id"] for a in articles if a["id"] != article_pk]
    assert others, "a prepared stage has more than one article"
    return others[0]


def comments(server):
    response = requests.get(f"{server.url}/api/v1/comments/")
    assert response.status_code == requests.codes.ok
    return response.json()


def create(server, client, article_pk, body, **kwargs):
    return client.post(f"{server.url}/api/v1/articles/{article_pk}/comments/", json=body, **kwargs)


def test_create_sets_the_article_and_ignores_a_client_sent_one(
    server, client, article_pk, other_article_pk
):
    response = create(
        server, client, article_pk, {"content": "라이브 댓글", "article": other_article_pk}
    )
    assert response.status_code == requests.codes.created, response.text
    body = response.json()
    assert COMMENT_KEYS <= set(body)
    assert body["article"] == article_pk
    assert body["content"] == "라이브 댓글"
    assert body in comments(server)


def test_comment_on_a_missing_article_is_404_and_writes_nothing(server, client):
    before = comments(server)
    response = create(server, client, 987654, {"content": "nowhere"})
    assert response.status_code == requests.codes.not_found
    assert response.headers["Content-Type"].startswith("application/json")
    assert comments(server) == before


# One body per way a request can fail over a real socket (parser, content type, serializer); the
# rest of the bad inputs are each stage's articles/tests/test_comments.py.
@pytest.mark.parametrize(
    "body, content_type",
    [
        ('{"content": ', "application/json"),  # malformed JSON
        ("content=plain", "text/plain"),  # a body that is not JSON
        ('{"content": ""}', "application/json"),  # content blank
    ],
    ids=["malformed", "text-plain", "blank"],
)
def test_bad_input_is_a_4xx_with_a_json_reason_and_writes_nothing(
    server, client, article_pk, body, content_type
):
    before = comments(server)
    response = client.post(
        f"{server.url}/api/v1/articles/{article_pk}/comments/",
        data=body.encode(),
        headers={"Content-Type": content_type},
    )
    assert 400 <= response.status_code < 500, response.text
    assert response.status_code != requests.codes.not_found
    assert response.json(), "the body says why"
    assert comments(server) == before


def test_article_detail_nests_comment_set_and_comment_count(server, client, article_pk):
    made = create(server, client, article_pk, {"content": "중첩될 댓글"}).json()
    response = requests.get(f"{server.url}/api/v1/articles/{article_pk}/")
    assert response.status_code == requests.codes.ok
    data = response.json()
    assert {"id", "title", "content", "comment_set", "comment_count"} <= set(data)
    assert made["id"] in [c["id"] for c in data["comment_set"]]
    assert all(c["article"] == article_pk for c in data["comment_set"])
    assert data["comment_count"] == len(data["comment_set"])


def test_comment_list_has_id_article_content(server):
    listing = comments(server)
    assert isinstance(listing, list) and listing, "a prepared stage has comments"
    assert all(COMMENT_KEYS <= set(item) for item in listing)


def test_get_put_delete_one_comment(server, client, article_pk, other_article_pk):
    made = create(server, client, article_pk, {"content": "고칠 댓글"}).json()
    url = f"{server.url}/api/v1/comments/{made['id']}/"

    got = requests.get(url)
    assert got.status_code == requests.codes.ok and got.json()["content"] == "고칠 댓글"

    put = client.put(url, json={"content": "고친 댓글", "article": other_article_pk})
    assert put.status_code == requests.codes.ok, put.text
    assert put.json()["content"] == "고친 댓글"
    assert put.json()["article"] == article_pk, "PUT keeps the comment's article"

    bad = client.put(url, json={"content": ""})
    assert bad.status_code == requests.codes.bad_request and "content" in bad.json()
    assert requests.get(url).json()["content"] == "고친 댓글"

    deleted = client.delete(url)
    assert deleted.status_code == requests.codes.no_content and deleted.content == b""
    assert requests.get(url).status_code == requests.codes.not_found
    assert client.delete(url).status_code == requests.codes.not_found
    assert client.put(url, json={"content": "x"}).status_code == requests.codes.not_found


def test_missing_comment_is_404(server):
    assert requests.get(f"{server.url}/api/v1/comments/987654/").status_code == 404
    assert requests.get(f"{server.url}/api/v1/comments/abc/").status_code == 404


@pytest.mark.parametrize(
    "method, path",
    [
        ("POST", "/api/v1/comments/"),
        ("DELETE", "/api/v1/comments/"),
        ("PATCH", "/api/v1/comments/{comment}/"),
        ("POST", "/api/v1/comments/{comment}/"),
        ("GET", "/api/v1/articles/{article}/comments/"),
        ("PUT", "/api/v1/articles/{article}/comments/"),
    ],
)
def test_other_methods_are_405_with_allow(server, client, article_pk, method, path):
    comment = comments(server)[0]["id"]
    before = comments(server)
    url = server.url + path.format(comment=comment, article=article_pk)
    response = client.request(method, url, json={"content": "x"})
    assert response.status_code == requests.codes.method_not_allowed, response.text
    assert response.headers.get("Allow")
    assert comments(server) == before
