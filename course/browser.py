"""A real browser for lesson 06: find the learner's Chrome, Edge or Chromium, and the flags the
course starts it with (headless and quiet).

CORS is enforced by browsers only, so the lesson proves it with one: ``course.browse`` loads its
client page in the browser found here; the contributors' browser tests start it with Playwright.
"""

from __future__ import annotations

import os
import shutil
import sys
from concurrent.futures import ThreadPoolExecutor
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
TIMEOUT_MS = 15_000  # how long a page may take to load and finish


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
