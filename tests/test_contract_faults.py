"""Input meant to break a stage, and writes that race each other, over real HTTP (issue 10).

The contract: a request the server cannot honour gets a 4xx with a JSON reason, never a 5xx; a
write to a path without its slash is a 308 to the path with it; an update of a row that is gone
is a 404, never a new row. The sweep sends every hostile request to every route of every stage;
the races run many rounds against a live (threaded) development server.
"""

import json
import threading

import pytest
import requests

from conftest import requires_sign_in

from course.stages import resolve
from course.testing import sign_up, stages_from

TIMEOUT = 30
ROUNDS = 30

# A route and the number of the lesson that brought it. <article> and <comment> are filled in
# with rows of the stage's data. Pages (HTML) refuse writes with an empty 405, as lesson 01 shows.
ROUTES = [
    (1, '/articles/'),
    (1, '/articles/<article>/'),
    (1, '/echo/sweep'),
    (2, '/api/v1/json-1/'),
    (2, '/api/v1/json-2/'),
    (2, '/api/v1/json-3/'),
    (3, '/api/v1/articles/'),
    (3, '/api/v1/articles/<article>/'),
    (3, '/api/v1/no/such/route/'),
    (4, '/api/v1/comments/'),
    (4, '/api/v1/comments/<comment>/'),
    (4, '/api/v1/articles/<article>/comments/'),
    (6, '/api/v1/users/'),
    (6, '/api/v1/health/'),
    (6, '/accounts/signup/'),
    (6, '/accounts/login/'),
    (6, '/accounts/user/'),
    (6, '/accounts/password/change/'),
    (6, '/accounts/password/reset/'),
    (6, '/accounts/password/reset/confirm/'),
    (6, '/accounts/logout/'),
]
PAGES = ('/articles/',)

DEEP_JSON = '[' * 2000 + ']' * 2000
BIG_JSON = json.dumps({'title': 't', 'content': 'x' * 3_000_000})  # over the 2.5 MB limit
MANY_FIELDS = '&'.join(f'f{i}=1' for i in range(1500))  # over the 1000-field limit

# id -> (method, body, Content-Type, extra headers, query string)
HOSTILE = {
    'deep-json': ('POST', DEEP_JSON, 'application/json', {}, ''),
    'deep-json-put': ('PUT', DEEP_JSON, 'application/json', {}, ''),
    '3mb-json': ('POST', BIG_JSON, 'application/json', {}, ''),
    'many-form-fields': ('POST', MANY_FIELDS, 'application/x-www-form-urlencoded', {}, ''),
    'many-query-fields': ('GET', None, None, {}, '?' + MANY_FIELDS),
    'bad-host': ('GET', None, None, {'Host': 'evil.example'}, ''),
}


@pytest.fixture(scope='module')
def sweeper(live):
    """``sweeper(name)`` -> (server, headers, paths): the stage's routes with real row ids, and
    where writes need it a freshly signed-up user's token (the sweep posts to log-out too)."""
    paths = {}

    def get(name):
        server = live(name)
        if name not in paths:
            paths[name] = paths_of(name, server.url)
        headers = {}
        if requires_sign_in(name):
            headers['Authorization'] = f'Token {sign_up(server.url).key}'
        return server, headers, paths[name]

    return get


def paths_of(name, url):
    number = resolve(name).number
    article = comment = '1'
    if number >= 3:
        article = str(requests.get(url + '/api/v1/articles/', timeout=TIMEOUT).json()[0]['id'])
    if number >= 4:
        comments = requests.get(url + '/api/v1/comments/', timeout=TIMEOUT).json()
        comment = str(comments[0]['id']) if comments else '1'
    return [
        path.replace('<article>', article).replace('<comment>', comment)
        for first, path in ROUTES
        if first <= number
    ]


def assert_refused_in_json(response, path):
    where = f'{response.request.method} {path}: {response.status_code} {response.text[:200]!r}'
    assert response.status_code < 500, where
    if 400 <= response.status_code:
        if any(path.startswith(page) for page in PAGES) and response.status_code == 405:
            return  # an HTML page's honest 405, empty as lesson 01 teaches
        assert response.headers['Content-Type'].startswith('application/json'), where
        assert response.json(), where


@pytest.mark.parametrize('kind', HOSTILE)
@pytest.mark.parametrize('name', stages_from('01'))
def test_hostile_requests_to_every_route_are_never_a_5xx(sweeper, name, kind):
    server, headers, paths = sweeper(name)
    method, body, content_type, extra, query = HOSTILE[kind]
    for path in paths:
        sent = dict(headers, **extra)
        if content_type:
            sent['Content-Type'] = content_type
        response = requests.request(
            method,
            server.url + path + query,
            data=body,
            headers=sent,
            timeout=TIMEOUT,
            allow_redirects=False,
        )
        assert_refused_in_json(response, path)
        if kind in ('3mb-json',) and response.status_code == 413:
            assert '2621440' in response.json()['detail']  # it says the limit


@pytest.mark.parametrize('method', ['POST', 'PUT', 'PATCH', 'DELETE'])
@pytest.mark.parametrize('name', stages_from('01'))
def test_a_write_without_the_slash_is_a_308_to_the_path_with_it(sweeper, name, method):
    server, headers, paths = sweeper(name)
    for path in (path for path in paths if path.endswith('/')):  # /echo/<anything> takes any path
        response = requests.request(
            method,
            server.url + path.rstrip('/') + '?x=1',
            json={},
            headers=headers,
            timeout=TIMEOUT,
            allow_redirects=False,
        )
        if path.startswith('/accounts/') and response.status_code != 308:
            # dj-rest-auth's routes match with or without the slash: the view itself answers.
            assert_refused_in_json(response, path)
            continue
        assert response.status_code == 308, f'{method} {path}: {response.status_code}'
        assert response.headers['Location'] == path + '?x=1'


@pytest.mark.parametrize('name', stages_from('03'))
def test_a_post_without_the_slash_followed_creates_the_article_once(live, writer, name):
    url, session = live(name).url, writer(name)
    before = len(requests.get(url + '/api/v1/articles/', timeout=TIMEOUT).json())
    response = session.post(
        url + '/api/v1/articles', json={'title': '슬래시', 'content': '없이'}, timeout=TIMEOUT
    )  # requests follows the 308 with the same POST
    assert response.status_code == 201, response.text
    assert [r.status_code for r in response.history] == [308]
    assert len(requests.get(url + '/api/v1/articles/', timeout=TIMEOUT).json()) == before + 1


def race(*calls):
    """Run the calls at the same moment, each in its own thread; return their responses."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(i, call):
        barrier.wait()
        try:
            results[i] = call()
        except requests.RequestException as exc:  # pragma: no cover - reported by the assert
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.parametrize('name', stages_from('03'))
def test_a_put_racing_a_delete_never_brings_the_article_back(live, writer, name):
    url, headers = live(name).url, dict(writer(name).headers)
    outcomes = []
    for i in range(ROUNDS):
        created = requests.post(
            url + '/api/v1/articles/',
            json={'title': f'경주 {i}', 'content': 'c'},
            headers=headers,
            timeout=TIMEOUT,
        )
        assert created.status_code == 201, created.text
        detail = f"{url}/api/v1/articles/{created.json()['id']}/"
        put, delete = race(
            lambda: requests.put(
                detail, json={'title': '고침', 'content': 'c'}, headers=headers, timeout=TIMEOUT
            ),
            lambda: requests.delete(detail, headers=headers, timeout=TIMEOUT),
        )
        assert put.status_code in (200, 404), put.text
        assert delete.status_code == 204, delete.text
        after = requests.get(detail, timeout=TIMEOUT)
        assert after.status_code == 404, (
            f'round {i}: the deleted article came back ({put.status_code})'
        )
        outcomes.append(put.status_code)
    print(
        f'{name}: PUT answers over {ROUNDS} rounds:',
        {code: outcomes.count(code) for code in set(outcomes)},
    )


@pytest.mark.parametrize('name', stages_from('04'))
def test_a_comment_racing_its_articles_delete_is_201_or_404_never_a_5xx(live, writer, name):
    url, headers = live(name).url, dict(writer(name).headers)
    for i in range(ROUNDS):
        created = requests.post(
            url + '/api/v1/articles/',
            json={'title': f'댓글 경주 {i}', 'content': 'c'},
            headers=headers,
            timeout=TIMEOUT,
        )
        pk = created.json()['id']
        comment, delete = race(
            lambda: requests.post(
                f'{url}/api/v1/articles/{pk}/comments/',
                json={'content': '늦은'},
                headers=headers,
                timeout=TIMEOUT,
            ),
            lambda: requests.delete(
                f'{url}/api/v1/articles/{pk}/', headers=headers, timeout=TIMEOUT
            ),
        )
        assert comment.status_code in (201, 404), comment.text
        assert delete.status_code == 204, delete.text
        comments = requests.get(url + '/api/v1/comments/', timeout=TIMEOUT).json()
        assert not [c for c in comments if c['article'] == pk], 'a comment outlived its article'


# ---------------------------------------------------------------------------------------------
# Lesson 06: the method before authentication, and accounts answers that tell the truth.

ANONYMOUS_405 = [
    ('DELETE', '/api/v1/articles/'),
    ('PUT', '/api/v1/articles/'),
    ('PATCH', '/api/v1/articles/'),
    ('POST', '/api/v1/articles/<article>/'),
    ('PATCH', '/api/v1/articles/<article>/'),
    ('POST', '/api/v1/comments/'),
    ('POST', '/api/v1/comments/<comment>/'),
    ('PATCH', '/api/v1/comments/<comment>/'),
    ('PUT', '/api/v1/articles/<article>/comments/'),
    ('DELETE', '/api/v1/articles/<article>/comments/'),
    ('POST', '/api/v1/users/'),
    ('DELETE', '/accounts/user/'),
]


@pytest.mark.parametrize('name', stages_from('06'))
def test_a_method_a_route_does_not_have_is_405_before_authentication(sweeper, name):
    server, headers, paths = sweeper(name)
    article = paths[1].split('/')[2]
    comment = next(p for p in paths if p.startswith('/api/v1/comments/') and p.count('/') == 5)
    for method, path in ANONYMOUS_405:
        path = path.replace('<article>', article).replace('/api/v1/comments/<comment>/', comment)
        for who in ({}, headers):  # anonymous, and a signed-in user who is not staff
            response = requests.request(
                method, server.url + path, json={}, headers=who, timeout=TIMEOUT
            )
            assert response.status_code == 405, f'{method} {path} {who}: {response.text}'
            assert method not in response.headers['Allow']
            assert response.json()['detail']


PASSWORD = 'contract-password-42'


def signup(url, username, password=PASSWORD):
    return requests.post(
        url + '/accounts/signup/',
        json={
            'username': username,
            'password1': password,
            'password2': password,
        },
        timeout=TIMEOUT,
    )


@pytest.mark.parametrize('name', stages_from('06'))
def test_signup_answers_the_token_only(live, name):
    response = signup(live(name).url, 'only_token_' + name[:2])
    assert response.status_code == 201, response.text
    assert set(response.json()) == {'key'}
    assert not response.cookies, dict(response.cookies)  # no sessionid, csrftoken, messages


@pytest.mark.parametrize('name', stages_from('06'))
def test_password_change_needs_the_old_password_and_ends_the_old_token(live, name):
    url = live(name).url
    key = signup(url, 'changer_' + name[:2]).json()['key']
    auth = {'Authorization': f'Token {key}'}
    new = 'another-contract-pw-77'
    body = {'old_password': 'wrong', 'new_password1': new, 'new_password2': new}
    response = requests.post(
        url + '/accounts/password/change/', json=body, headers=auth, timeout=TIMEOUT
    )
    assert response.status_code == 400 and 'old_password' in response.json(), response.text
    body['old_password'] = PASSWORD
    response = requests.post(
        url + '/accounts/password/change/', json=body, headers=auth, timeout=TIMEOUT
    )
    assert response.status_code == 200, response.text
    assert requests.get(url + '/accounts/user/', headers=auth, timeout=TIMEOUT).status_code == 401
    response = requests.post(
        url + '/accounts/login/',
        json={'username': 'changer_' + name[:2], 'password': new},
        timeout=TIMEOUT,
    )
    assert response.status_code == 200 and response.json()['key'] != key


@pytest.mark.parametrize('name', stages_from('06'))
def test_put_user_with_the_own_username_is_200(live, name):
    url = live(name).url
    key = signup(url, 'myself_' + name[:2]).json()['key']
    response = requests.put(
        url + '/accounts/user/',
        json={'username': 'myself_' + name[:2]},
        headers={'Authorization': f'Token {key}'},
        timeout=TIMEOUT,
    )
    assert response.status_code == 200, response.text


@pytest.mark.parametrize('name', stages_from('06'))
def test_look_alike_usernames_are_refused(live, name):
    url = live(name).url
    assert signup(url, 'lookalike').status_code in (201, 400)  # 400 when an earlier run made it
    for look_alike in ('ｌｏｏｋａｌｉｋｅ', 'lооkalike'):  # full-width; Cyrillic "о"s
        response = signup(url, look_alike)
        assert response.status_code == 400 and 'username' in response.json(), response.text


@pytest.mark.parametrize('name', stages_from('06'))
def test_password_reset_never_500s_nor_tells_who_is_registered(live, name):
    url = live(name).url
    requests.post(
        url + '/accounts/signup/',
        json={
            'username': 'resetter_' + name[:2],
            'email': f'reset_{name[:2]}@example.com',
            'password1': PASSWORD,
            'password2': PASSWORD,
        },
        timeout=TIMEOUT,
    )
    answers = [
        requests.post(url + '/accounts/password/reset/', json={'email': email}, timeout=TIMEOUT)
        for email in (f'reset_{name[:2]}@example.com', 'nobody@example.com')
    ]
    assert [a.status_code for a in answers] == [200, 200], answers[0].text
    assert answers[0].json() == answers[1].json()
