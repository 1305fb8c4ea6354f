"""Input meant to break the API, over real HTTP, against project/ only (issues 10 and 17).

The lessons answer such input with Django's and DRF's defaults (each lesson's notebook shows the
pitfall); project/ defends itself: a request it cannot honour gets a 4xx with a JSON reason, never
a 5xx; a write to a path without its slash is a 308 to the path with it; a method a route does not
have is 405 before any authentication; an account's answers tell the truth. The sweep sends every
hostile request to every route. Races, a client following a 308 and Django's own refusals are in
test_contract_project.py.
"""

import json

import pytest
import requests

from course.testing import sign_up

pytestmark = pytest.mark.xdist_group('project')

TIMEOUT = 30

# <article> and <comment> are filled in with rows of project/'s data.
ROUTES = [
    '/api/v1/articles/',
    '/api/v1/articles/<article>/',
    '/api/v1/no/such/route/',
    '/api/v1/comments/',
    '/api/v1/comments/<comment>/',
    '/api/v1/articles/<article>/comments/',
    '/accounts/signup/',
    '/accounts/login/',
    '/accounts/user/',
    '/accounts/password/change/',
    '/accounts/jwt/create/',
    '/accounts/jwt/refresh/',
    '/accounts/jwt/verify/',
    '/accounts/jwt/logout/',
    '/accounts/logout/',
]

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
def server(project_server):
    return project_server


@pytest.fixture(scope='module')
def paths(server):
    """ROUTES with the ids of real rows."""
    articles = requests.get(server.url + '/api/v1/articles/', timeout=TIMEOUT).json()['results']
    comments = requests.get(server.url + '/api/v1/comments/', timeout=TIMEOUT).json()['results']
    article = str(articles[0]['id'])
    comment = str(comments[0]['id']) if comments else '1'
    return [p.replace('<article>', article).replace('<comment>', comment) for p in ROUTES]


def token(server):
    """A freshly signed-up user's token header (the sweep posts to log-out too)."""
    return {'Authorization': f'Token {sign_up(server.url).key}'}


def assert_refused_in_json(response, path):
    where = f'{response.request.method} {path}: {response.status_code} {response.text[:200]!r}'
    assert response.status_code < 500, where
    if 400 <= response.status_code:
        assert response.headers['Content-Type'].startswith('application/json'), where
        assert response.json(), where


@pytest.mark.parametrize('kind', HOSTILE)
def test_hostile_requests_to_every_route_are_a_json_4xx_never_a_5xx(server, paths, kind):
    method, body, content_type, extra, query = HOSTILE[kind]
    headers = dict(token(server), **extra)
    if content_type:
        headers['Content-Type'] = content_type
    for path in paths:
        response = requests.request(
            method,
            server.url + path + query,
            data=body,
            headers=headers,
            timeout=TIMEOUT,
            allow_redirects=False,
        )
        assert_refused_in_json(response, path)
        if kind == '3mb-json' and response.status_code == 413:
            assert '2621440' in response.json()['detail']  # it says the limit


@pytest.mark.parametrize('method', ['POST', 'PUT', 'PATCH', 'DELETE'])
def test_a_write_without_the_slash_is_a_308_to_the_path_with_it(server, paths, method):
    headers = token(server)
    for path in (path for path in paths if '/no/such/' not in path):  # a route that exists
        response = requests.request(
            method,
            server.url + path.rstrip('/') + '?x=1',
            json={},
            headers=headers,
            timeout=TIMEOUT,
            allow_redirects=False,
        )
        assert response.status_code == 308, f'{method} {path}: {response.status_code}'
        assert response.headers['Location'] == path + '?x=1'


# A method each route does not have; <comment> is a comment's detail route.
NOT_ALLOWED = [
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
    ('DELETE', '/accounts/user/'),
]


def test_a_method_a_route_does_not_have_is_405_before_authentication(server, paths):
    article = paths[1].split('/')[4]
    comment = paths[4].split('/')[4]
    for method, path in NOT_ALLOWED:
        path = path.replace('<article>', article).replace('<comment>', comment)
        for who in ({}, token(server)):  # anonymous, and a signed-in user who is not staff
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
        json={'username': username, 'password1': password, 'password2': password},
        timeout=TIMEOUT,
    )


def test_password_change_needs_the_old_password_and_ends_the_old_token(server):
    url = server.url
    key = signup(url, 'changer').json()['key']
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
        url + '/accounts/login/', json={'username': 'changer', 'password': new}, timeout=TIMEOUT
    )
    assert response.status_code == 200 and response.json()['key'] != key


def test_put_user_with_the_own_username_is_200(server):
    key = signup(server.url, 'myself').json()['key']
    response = requests.put(
        server.url + '/accounts/user/',
        json={'username': 'myself'},
        headers={'Authorization': f'Token {key}'},
        timeout=TIMEOUT,
    )
    assert response.status_code == 200, response.text


def test_look_alike_usernames_are_refused(server):
    assert signup(server.url, 'lookalike').status_code == 201
    for look_alike in ('ｌｏｏｋａｌｉｋｅ', 'lооkalike'):  # full-width; Cyrillic "о"s
        response = signup(server.url, look_alike)
        assert response.status_code == 400 and 'username' in response.json(), response.text
