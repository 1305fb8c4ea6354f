"""Issue 19, elsewhere: lesson 06's browser client sends what a learner types to this machine only.

A crafted link (``?api=https://elsewhere``) would otherwise make the page send the username and
password typed into it to that host. The page refuses such an address, says so, and calls nothing.
The browser is the one ``course.browser.find_browser`` finds; skipped only where there is none and
the variable CI is not set (CI installs Debian's ``chromium``).
"""

import os

import pytest

from course.browser import LAUNCH_ARGS, TIMEOUT_MS, find_browser
from course.browse import wait_for_state as wait_for_page_state
from course.client import ClientServer, client_dir, page_url
from course.stages import resolve

pytestmark = pytest.mark.xdist_group("browser")


@pytest.fixture(scope="module")
def page_of():
    executable = find_browser()
    if not executable:
        if os.environ.get("CI"):
            pytest.fail("no browser under CI: install Debian's chromium")
        pytest.skip("no Chrome, Edge or Chromium here (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    client = ClientServer(client_dir(resolve("06")), port=0).start()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)

        def open_page(api):
            page = browser.new_page()
            hosts = []
            page.on("request", lambda request: hosts.append(request.url.split("/")[2]))
            page.goto(page_url(client.port, api))
            return page, hosts

        yield open_page
        browser.close()
    client.stop()


@pytest.mark.parametrize(
    "api",
    [
        "https://attacker.example",
        "http://127.0.0.1.attacker.example:8000",
        "http://127.0.0.1:8000@attacker.example",
        "http://user:secret@127.0.0.1:8000",
        "javascript:alert(1)",
    ],
)
def test_a_non_loopback_api_is_refused_before_anything_is_sent(page_of, api):
    page, hosts = page_of(api)
    try:
        state, text = wait_for_page_state(page, "ok", "error", "cors-error", timeout_ms=TIMEOUT_MS)
        assert state == "error" and "Refused ?api=" in text, text
        page.fill("#username", "learner")
        page.fill("#password", "typed-password-42")
        with page.expect_request(lambda request: "/accounts/" in request.url) as sign_in:
            page.click("#signin")
        assert sign_in.value.url.startswith("http://127.0.0.1:8000/"), sign_in.value.url
        assert all(host.startswith("127.0.0.1:") for host in hosts), hosts
        assert page.locator("#api").text_content() == "http://127.0.0.1:8000"
    finally:
        page.close()


def test_a_loopback_api_is_used(page_of):
    # Nothing listens on port 9: the page tries it (a CORS failure), which shows it took the address.
    page, hosts = page_of("http://localhost:9")
    try:
        state, text = wait_for_page_state(page, "ok", "error", "cors-error", timeout_ms=TIMEOUT_MS)
        assert state == "cors-error", text
        assert page.locator("#api").text_content() == "http://localhost:9"
        assert "localhost:9" in hosts
    finally:
        page.close()
