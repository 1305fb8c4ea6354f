"""Lesson 06's client page loaded in a headless browser, and what the page's script saw brought
back to the notebook: the status line the page wrote, the articles it listed, the browser's console
messages and the requests that failed.

The browser (``course.browser.find_browser``) is driven over the Chrome DevTools Protocol (CDP),
the protocol Playwright itself speaks to Chromium, through ``websocket-client`` (which Jupyter
installs anyway): a learner's install needs no 160 MB browser driver. ``wait_for_state`` is the
same wait for a Playwright page, for the contributors' browser tests.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from .browser import LAUNCH_ARGS, TIMEOUT_MS, find_browser

# The states the lesson 06 client writes into #status (data-state) when a step is over.
DONE_STATES = ("ok", "error", "cors-error")


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
    """For a Playwright page (the contributors' browser test): wait until the client page's
    ``#status`` has one of ``states``; return (state, text)."""
    page.wait_for_function(
        "states => states.includes(document.getElementById('status').dataset.state)",
        arg=list(states or DONE_STATES),
        timeout=timeout_ms,
    )
    status = page.locator("#status")
    return status.get_attribute("data-state"), status.inner_text()


class _Tab:
    """One page of the browser, over its DevTools WebSocket: commands out, events collected."""

    def __init__(self, websocket_url: str, timeout: float):
        import websocket  # websocket-client

        # No Origin header: Chrome refuses a DevTools connection from a web origin it was not told of.
        self._socket = websocket.create_connection(
            websocket_url, timeout=timeout, suppress_origin=True
        )
        self._id = 0
        self.events: list[dict] = []

    def send(self, method: str, **params) -> dict:
        self._id += 1
        self._socket.send(json.dumps({"id": self._id, "method": method, "params": params}))
        while True:
            message = json.loads(self._socket.recv())
            if message.get("id") == self._id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error'].get('message')}")
                return message.get("result", {})
            self.events.append(message)

    def evaluate(self, expression: str):
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")

    def close(self) -> None:
        self._socket.close()


def _launch(executable: str, profile: str, timeout: float) -> tuple[subprocess.Popen, _Tab]:
    """Start the browser with DevTools on a free port; its first tab."""
    proc = subprocess.Popen(
        [executable, *LAUNCH_ARGS, "--remote-debugging-port=0", f"--user-data-dir={profile}"]
        + ["about:blank"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    active = Path(profile) / "DevToolsActivePort"  # the browser writes its port here
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        lines = active.read_text().splitlines() if active.exists() else []
        if len(lines) >= 2:
            with urllib.request.urlopen(f"http://127.0.0.1:{lines[0]}/json/list", timeout=5) as r:
                pages = [t for t in json.load(r) if t.get("type") == "page"]
            if pages:
                return proc, _Tab(pages[0]["webSocketDebuggerUrl"], timeout)
        time.sleep(0.05)
    proc.kill()
    raise RuntimeError(f"the browser did not start: {executable}")


def _seen(events: list[dict]) -> tuple[list[str], list[str]]:
    """The console messages and failed requests among a visit's DevTools events."""
    console, failed, requests = [], [], {}
    for event in events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.consoleAPICalled":
            text = " ".join(str(a.get("value", a.get("description", ""))) for a in params["args"])
            console.append(f"[{params['type']}] {text}")
        elif method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            console.append(
                f"[pageerror] {details.get('exception', {}).get('description', details['text'])}"
            )
        elif method == "Log.entryAdded":
            entry = params["entry"]
            if not entry.get("url", "").endswith("/favicon.ico"):  # the client has no icon
                console.append(f"[{entry['level']}] {entry['text']}")
        elif method == "Network.requestWillBeSent":
            requests[params["requestId"]] = params["request"]
        elif method == "Network.loadingFailed" and params["requestId"] in requests:
            request = requests[params["requestId"]]
            failed.append(f"{request['method']} {request['url']}: {params['errorText']}")
    return console, failed


def _visit(tab: _Tab, url: str, timeout_ms: int) -> PageVisit:
    tab.events.clear()
    tab.send("Page.navigate", url=url)
    done = json.dumps(list(DONE_STATES))
    ready = (
        f"location.href === {json.dumps(url)} && "
        f"{done}.includes(document.getElementById('status')?.dataset.state)"
    )
    deadline = time.monotonic() + timeout_ms / 1000
    while not tab.evaluate(ready):
        if time.monotonic() > deadline:
            raise TimeoutError(f"{url}: the page did not finish within {timeout_ms} ms")
        time.sleep(0.05)
    state = tab.evaluate("document.getElementById('status').dataset.state")
    status = tab.evaluate("document.getElementById('status').innerText")
    items = tab.evaluate(
        "Array.from(document.querySelectorAll('#articles li'), li => li.innerText)"
    )
    console, failed = _seen(tab.events)
    return PageVisit(url, state, status, items or [], console, failed)


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
    with tempfile.TemporaryDirectory(
        prefix="course-browser-", ignore_cleanup_errors=True
    ) as profile:
        proc, tab = _launch(executable, profile, timeout_ms / 1000)
        try:
            for domain in ("Page", "Runtime", "Log", "Network"):
                tab.send(f"{domain}.enable")
            return [_visit(tab, url, timeout_ms) for url in urls]
        finally:
            tab.close()
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
