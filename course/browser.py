"""A real browser for lesson 06: find the learner's Chrome, Edge or Chromium and load a page in it.

CORS is enforced by browsers only, so the lesson proves it with one: its client page is opened in
a headless browser (driven by Playwright, a course dependency), and what the page's script saw is
brought back to the notebook: the status line the page wrote, the articles it listed, the
browser's console messages and the requests that failed.

Playwright's synchronous API refuses to run inside an event loop, and a Jupyter kernel runs cells
in one, so :func:`browse` drives the browser in a worker thread of its own.
"""

from __future__ import annotations

import os
import shutil
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

# Set this to a browser's executable to choose it yourself.
BROWSER_ENV = "COURSE_BROWSER"
# Names on PATH (Linux, and macOS/Windows when installed so), most common first.
NAMES = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
    "microsoft-edge",
    "microsoft-edge-stable",
    "msedge",
]
# Where the installers put them when they are not on PATH.
KNOWN_PATHS = {
    "darwin": [
        "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
        "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
        "/Applications/Chromium.app/Contents/MacOS/Chromium",
    ],
    "win32": [
        r"{ProgramFiles}\Google\Chrome\Application\chrome.exe",
        r"{ProgramFiles(x86)}\Google\Chrome\Application\chrome.exe",
        r"{LOCALAPPDATA}\Google\Chrome\Application\chrome.exe",
        r"{ProgramFiles(x86)}\Microsoft\Edge\Application\msedge.exe",
        r"{ProgramFiles}\Microsoft\Edge\Application\msedge.exe",
    ],
}
# Headless, and quiet: no first-run pages, no background traffic of the browser's own.
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 15_000
# The states the lesson 06 client writes into #status (data-state) when a step is over.
DONE_STATES = ("ok", "error", "cors-error")


def find_browser() -> str | None:
    """The path of a Chrome, Edge or Chromium on this machine, or None when there is none.

    ``COURSE_BROWSER`` wins; then the usual names on PATH; then the places the installers use on
    macOS and Windows; last, the Chromium that ``playwright install chromium`` downloads.
    """
    chosen = os.environ.get(BROWSER_ENV)
    if chosen:
        return chosen if Path(chosen).exists() else None
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    for pattern in KNOWN_PATHS.get(sys.platform, []):
        try:
            path = Path(pattern.format(**os.environ))
        except KeyError:  # that variable is not set on this machine
            continue
        if path.exists():
            return str(path)
    return _playwright_chromium()


def _playwright_chromium() -> str | None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None

    def where() -> str | None:
        with sync_playwright() as playwright:
            path = playwright.chromium.executable_path
        return path if Path(path).exists() else None

    try:
        with ThreadPoolExecutor(max_workers=1) as pool:  # no sync Playwright in an event loop
            return pool.submit(where).result(timeout=60)
    except Exception:  # noqa: BLE001 - any failure here means "no browser from Playwright"
        return None


@dataclass
class PageVisit:
    """What the page's own script saw, as the notebook shows it."""

    url: str
    state: str  # the page's #status data-state: "ok", "error" or "cors-error"
    status: str  # the text the page wrote into #status
    items: list[str]  # the titles the page listed in #articles
    console: list[str] = field(default_factory=list)  # the browser's console: errors, warnings
    failed: list[str] = field(default_factory=list)  # requests the browser gave up on, and why


def wait_for_state(page, *states: str, timeout_ms: int = TIMEOUT_MS) -> tuple[str, str]:
    """Wait until the client page's ``#status`` has one of ``states``; return (state, text)."""
    page.wait_for_function(
        "states => states.includes(document.getElementById('status').dataset.state)",
        arg=list(states or DONE_STATES),
        timeout=timeout_ms,
    )
    status = page.locator("#status")
    return status.get_attribute("data-state"), status.inner_text()


def _visit(browser, url: str, timeout_ms: int) -> PageVisit:
    page = browser.new_page()
    console, failed = [], []
    page.on("console", lambda message: console.append(f"[{message.type}] {message.text}"))
    page.on("pageerror", lambda error: console.append(f"[pageerror] {error}"))
    page.on(
        "requestfailed",
        lambda request: failed.append(f"{request.method} {request.url}: {request.failure}"),
    )
    # The client has no icon: answer the browser's own request for one, so its 404 is not noise.
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204))
    try:
        page.goto(url, timeout=timeout_ms)
        state, status = wait_for_state(page, *DONE_STATES, timeout_ms=timeout_ms)
        items = page.locator("#articles li").all_inner_texts()
    finally:
        page.close()
    return PageVisit(url, state, status, items, console, failed)


def browse(
    urls: list[str], executable: str | None = None, timeout_ms: int = TIMEOUT_MS
) -> list[PageVisit]:
    """Open each URL of the lesson's client page in one headless browser; what each page saw.

    ``executable`` defaults to :func:`find_browser`; a CourseError says so when there is none.
    """
    from .errors import CourseError

    executable = executable or find_browser()
    if executable is None:
        raise CourseError(
            "no Chrome, Edge or Chromium found: install one, or set COURSE_BROWSER "
            "to its path; or open the page yourself with `python -m course client 06`"
        )

    def run() -> list[PageVisit]:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
            try:
                return [_visit(browser, url, timeout_ms) for url in urls]
            finally:
                browser.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()
