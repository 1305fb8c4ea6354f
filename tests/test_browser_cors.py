"""Lesson 06's browser client in a real browser (headless Chromium): CORS is what the browser enforces.

The page is served on one origin (a free port on 127.0.0.1) and calls a live server of a fresh copy
of the stage on another. The stage's switch ``COURSE_CORS`` names the page's origin (CORS on) or
nothing at all (``off``). With CORS on, the page lists, signs in and creates an article; with it
off, the page shows its CORS failure and the server never receives the article.

The browser is the one ``course.browser.find_browser`` finds (Chrome, Edge or Chromium; the lesson's
notebook uses the same). Skipped only where there is none and the variable CI is not set; under CI
a missing browser fails the test (CI installs Debian's ``chromium``).
"""

import os
import secrets

import pytest
import requests

from course.browser import LAUNCH_ARGS, TIMEOUT_MS, find_browser
from course.browse import wait_for_state as wait_for_page_state
from course.client import ClientServer, client_dir, page_url
from course.server import LiveServer
from course.stages import resolve
from course.testing import copy_stage, sign_up, stages_from

PASSWORD = "browser-test-password-42"

STAGES = [name for name in stages_from("06") if client_dir(resolve(name))]


def chromium_or_skip() -> str:
    found = find_browser()
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("no browser under CI: install Debian's chromium (apt-get install -y chromium)")
    pytest.skip("no Chrome, Edge or Chromium here (apt-get install -y chromium); CI runs this test")


pytestmark = pytest.mark.xdist_group("browser")  # one browser and one stage copy for the module


@pytest.fixture(scope="module")
def browser():
    executable = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module", params=STAGES)
def stage_copy(request, tmp_path_factory):
    """A fresh copy of the stage (one per module: migrating it takes seconds)."""
    return copy_stage(resolve(request.param), tmp_path_factory.mktemp("browser"))


@pytest.fixture
def setup_stage(stage_copy):
    """The stage's client served on a free port, and ``server(cors)``: a live server of the copy
    started with ``COURSE_CORS=cors``; all stopped after the test."""
    stage = stage_copy
    client = ClientServer(client_dir(stage), port=0).start()
    servers = []

    def server(cors: str) -> LiveServer:
        live = LiveServer(stage.path, env={"COURSE_CORS": cors}).start()
        servers.append(live)
        return live

    yield client, server
    for live in servers:
        live.stop()
    client.stop()


def wait_for_state(page, *states):
    return wait_for_page_state(page, *states, timeout_ms=TIMEOUT_MS)


def test_with_cors_on_the_page_lists_signs_in_and_creates(browser, setup_stage):
    client, server = setup_stage
    live = server(client.url)  # COURSE_CORS names exactly the page's origin
    username, _, key = sign_up(live.url, password=PASSWORD)
    titles = [a["title"] for a in requests.get(live.url + "/api/v1/articles/", timeout=10).json()]
    assert titles, "the stage's fixtures should give the page something to list"

    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(page_url(client.port, live.url))
        state, text = wait_for_state(page, "ok", "error", "cors-error")
        assert state == "ok", text
        assert page.locator("#articles li").all_inner_texts() == titles

        page.fill("#username", username)
        page.fill("#password", PASSWORD)
        page.click("#signin")
        page.wait_for_function(
            f"document.getElementById('who').dataset.user === {username!r}", timeout=TIMEOUT_MS
        )
        state, text = wait_for_state(page, "ok", "error", "cors-error")
        assert state == "ok", text

        title = "from the browser " + secrets.token_hex(3)
        page.fill("#title", title)
        page.fill("#content", "sent with Authorization: Token ...")
        page.click("#create")
        page.locator("#articles li", has_text=title).wait_for(timeout=TIMEOUT_MS)
        state, text = wait_for_state(page, "ok", "error", "cors-error")
        assert state == "ok", text
    finally:
        page.close()
    assert not errors, errors

    created = [
        a
        for a in requests.get(live.url + "/api/v1/articles/", timeout=10).json()
        if a["title"] == title
    ]
    assert len(created) == 1
    article = requests.get(f"{live.url}/api/v1/articles/{created[0]['id']}/", timeout=10).json()
    me = requests.get(
        live.url + "/accounts/user/", headers={"Authorization": f"Token {key}"}, timeout=10
    ).json()
    assert article["user"] == me["pk"], "the author must be the signed-in user of the page"
    assert "OPTIONS /api/v1/articles/" in live.log_text, "a POST with a token is preflighted"


def test_with_cors_off_the_browser_blocks_the_page(browser, setup_stage):
    client, server = setup_stage
    live = server("off")
    username, _, key = sign_up(
        live.url, password=PASSWORD
    )  # requests is no browser: CORS never stops it
    before = requests.get(live.url + "/api/v1/articles/", timeout=10).json()

    page = browser.new_page()
    try:
        page.goto(page_url(client.port, live.url))
        state, text = wait_for_state(page, "ok", "error", "cors-error")
        assert state == "cors-error", f"the list should have been blocked, the page says: {text}"
        assert "CORS failure" in text
        assert page.locator("#articles").get_attribute("data-loaded") == "failed"
        assert page.locator("#articles li").count() == 0

        page.fill("#username", username)
        page.fill("#password", PASSWORD)
        page.click("#signin")
        page.wait_for_function(
            "document.getElementById('status').dataset.state !== 'busy'", timeout=TIMEOUT_MS
        )
        state, text = wait_for_state(page, "ok", "error", "cors-error")
        assert state == "cors-error", text

        # Even with a valid token in the page, the article never reaches the server: the browser
        # stops at the refused preflight and never sends the POST itself.
        page.evaluate("([api, key]) => localStorage.setItem('token@' + api, key)", [live.url, key])
        title = "blocked " + secrets.token_hex(3)
        page.fill("#title", title)
        page.fill("#content", "must not arrive")
        page.click("#create")
        page.wait_for_function(
            "document.getElementById('status').dataset.state !== 'busy'", timeout=TIMEOUT_MS
        )
        state, text = wait_for_state(page, "ok", "error", "cors-error")
        assert state == "cors-error", text
    finally:
        page.close()

    after = requests.get(live.url + "/api/v1/articles/", timeout=10).json()
    assert after == before, "no article may be created while CORS is off"
    assert "POST /api/v1/articles/" not in live.log_text


def test_browse_brings_back_what_the_page_saw(setup_stage):
    """``course.browse.browse``, as lesson 06's notebook uses it: one page allowed, one refused;
    the refused page saw a CORS failure, the server answered it all the same."""
    from course.browse import browse

    executable = chromium_or_skip()
    client, server = setup_stage
    allowed, refused = server(client.url), server("off")
    visits = browse(
        [page_url(client.port, allowed.url), page_url(client.port, refused.url)],
        executable=executable,
    )
    assert visits[0].state == "ok" and visits[0].items
    assert visits[1].state == "cors-error" and not visits[1].items
    assert any("blocked by CORS policy" in line for line in visits[1].console), visits[1].console
    assert '"GET /api/v1/articles/ HTTP/1.1" 200' in refused.log_text


def test_client_dir_is_served_with_its_files(setup_stage):
    """Without a browser: the client server answers the page and its script."""
    client, _ = setup_stage
    for name in ("index.html", "app.js"):
        response = requests.get(f"{client.url}/{name}", timeout=10)
        assert response.status_code == 200, name
