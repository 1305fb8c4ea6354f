"""The course site (``python -m course site``): built once per session with warnings as errors,
then read as a learner would, in headless Chromium."""

import functools
import json
import html.parser
import http.server
import re
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest

from course.site import FIXED_TOKEN
from course.stages import ROOT, is_translation, lessons

CHROMIUM = "/usr/bin/chromium"
LESSON = "lessons/04_one_to_many"  # its notebook draws the ERD with Mermaid

# One worker builds the site once for every test here (two builds would double the time and race).
pytestmark = pytest.mark.xdist_group("site")


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The built site's folder (``build/site`` layout under a temporary folder).

    Built by the command a learner runs, so its printed path and build time are checked too.
    """
    out = tmp_path_factory.mktemp("site")
    proc = subprocess.run(
        [sys.executable, "-m", "course", "site", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=1500,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-6000:]
    printed = proc.stdout.strip().splitlines()
    assert Path(printed[-1]) == out / "html" / "index.html"
    built = [line for line in printed if line.startswith("Built in ")]
    assert built, proc.stdout
    print("\n" + "\n".join(line for line in printed if ".ipynb: " in line or "Built" in line))
    return out


@pytest.fixture(scope="session")
def html_dir(site):
    return site / "html"


@pytest.fixture(scope="session")
def base_url(html_dir):
    handler = functools.partial(_Quiet, directory=str(html_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


# ----------------------------------------------------------------------------------------------
# The built files


class _Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for name in ("href", "src"):
            if attrs.get(name) is not None:
                self.links.append((tag, name, attrs[name]))


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_page_of_the_course_is_there(html_dir, lang):
    """English at the site's root, Korean under ko/ (issue 21): the same pages in both."""
    root = html_dir if lang == "en" else html_dir / lang
    for stage in lessons():
        folder = root / stage.path.relative_to(ROOT)
        for page in ("index", "lesson", "diff", "files"):
            assert (folder / f"{page}.html").exists(), f"{stage.name}: no {page}.html"
        text = re.sub(r"<[^>]+>", "", (folder / "index.html").read_text(encoding="utf-8"))
        assert f"python -m course lab {stage.number:02d}" in text, stage.name
    for notebook in (ROOT / "notebooks").glob("*.ipynb"):
        if not is_translation(notebook):
            assert (root / "notebooks" / f"{notebook.stem}.html").exists(), notebook.name
    for name in ("GLOSSARY.md", "CONTRIBUTING.md"):
        if (ROOT / name).exists():
            assert (root / f"{name[:-3].lower()}.html").exists(), name


def test_the_instructor_page_is_linked_from_home_and_from_no_lesson_page(html_dir):
    """Issue 20: the instructors' notes are on the site, and no learner's page shows them."""
    text = (html_dir / "instructors.html").read_text(encoding="utf-8")
    assert "Live demo" in text and "Where learners stumble" in text
    assert 'href="instructors.html"' in (html_dir / "index.html").read_text(encoding="utf-8")
    for stage in lessons():
        lesson = html_dir / stage.path.relative_to(ROOT) / "lesson.html"
        assert "Where learners stumble" not in lesson.read_text(encoding="utf-8"), stage.name


def test_every_internal_link_resolves(html_dir):
    """Every href and src of every page names a file of the site, and its #fragment an id there."""
    # _static/ holds the theme's own template snippets, not pages.
    pages = {path: _parse(path) for path in html_dir.rglob("*.html") if "_static" not in path.parts}
    broken = []
    for page, parsed in pages.items():
        for _tag, _attr, link in parsed.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "javascript:")):
                continue
            target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(html_dir)}: {link}")
            elif parts.fragment and target.suffix == ".html" and target in pages:
                if unquote(parts.fragment) not in pages[target].ids:
                    broken.append(f"{page.relative_to(html_dir)}: {link} (no such id)")
    assert not broken, "\n".join(broken[:40])


def test_nothing_is_loaded_from_another_site(html_dir):
    """Offline: scripts, styles, fonts and images come with the site, none from a CDN."""
    remote = []
    for page in html_dir.rglob("*.html"):
        for tag, attr, link in _parse(page).links:
            if tag in ("script", "link", "img", "iframe") and urlsplit(link).netloc:
                if tag == "link" and not link.endswith((".css", ".js", ".woff2")):
                    continue  # a plain hyperlink in <link rel="..."> is not loaded
                remote.append(f"{page.relative_to(html_dir)}: <{tag} {attr}={link}>")
    assert not remote, "\n".join(remote[:20])


def test_outputs_are_stable_and_clean(site, html_dir):
    """No random port, token, machine path or unexpected traceback in what the notebooks showed."""
    executed = sorted((site / "executed").rglob("*.ipynb"))
    assert len(executed) >= len(lessons()), executed
    for path in executed:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            text = nbformat.writes(nbformat.v4.new_notebook(cells=[cell]))
            shown = json.dumps(cell.outputs)
            where = f"{path.relative_to(site)}: {cell.source[:60]!r}"
            assert str(ROOT) not in text, where
            assert not re.search(r"(127\.0\.0\.1|localhost):[1-6]\d{4}\b", shown), where
            assert not re.search(r"/tmp/(?:tmp|pytest|course-|site-)\w", text), where
            tokens = set(re.findall(r"\b[0-9a-f]{40}\b", text)) - {FIXED_TOKEN}
            assert not tokens, where
            if "raises-exception" not in cell.metadata.get("tags", []):
                assert not any(o.output_type == "error" for o in cell.outputs), where
                assert "Traceback (most recent call last)" not in text, where


# ----------------------------------------------------------------------------------------------
# In the browser


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, tmp_path_factory, request):
    """A fresh page that records console errors and requests to anywhere but the site.

    The test fails on any of them; a screenshot of the page is kept in the session's temporary
    folder (``screenshots/``) for a person to look at.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.problems = []
    page.on("console", lambda m: m.type == "error" and page.problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: page.problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: page.problems.append(f"request failed: {r.url}"))
    page.on(
        "request",
        lambda r: (
            not r.url.startswith("http://127.0.0.1:")
            and page.problems.append(f"request to another site: {r.url}")
        ),
    )
    yield page
    shots = tmp_path_factory.getbasetemp() / "screenshots"
    shots.mkdir(exist_ok=True)
    page.screenshot(path=str(shots / f"{request.node.name}.png"), full_page=False)
    context.close()
    assert not page.problems, "\n".join(page.problems)


def test_home_page_renders_the_course_map(page, base_url):
    page.goto(base_url, wait_until="load")
    assert "Web APIs with Django REST Framework" in page.title()
    table = page.locator("table").filter(has_text="what it teaches").first
    table.wait_for(state="visible")
    link = table.get_by_role("link", name="lessons/04_one_to_many")
    assert link.get_attribute("href").endswith("lessons/04_one_to_many/index.html")
    link.click()
    page.wait_for_url(re.compile(r"lessons/04_one_to_many/index\.html"))


def test_lesson_page_says_how_to_open_it(page, base_url):
    page.goto(base_url + LESSON + "/index.html", wait_until="load")
    box = page.locator(".course-open-lesson")
    box.wait_for(state="visible")
    assert "python -m course lab 04" in box.inner_text()
    assert box.get_by_role("link", name="lessons/04_one_to_many/").is_visible()
    assert page.locator("h1").first.inner_text().startswith("Lesson 04")


def test_diff_page_shows_what_the_lesson_changed(page, base_url):
    page.goto(base_url + LESSON + "/diff.html", wait_until="load")
    block = page.locator("div.highlight-diff").filter(has_text="class Comment").first
    block.wait_for(state="visible")
    assert block.locator("span.gi").first.is_visible()  # an added line, highlighted as one
    assert "python -m course diff 03 04" in page.locator("main").inner_text()


def test_notebook_outputs_and_mermaid_diagram_are_visible(page, base_url):
    page.goto(base_url + LESSON + "/lesson.html", wait_until="load")
    output = page.locator(".cell_output").first
    output.wait_for(state="visible")
    assert output.inner_text().strip()
    # The ERD: Mermaid turned the diagram's text into an SVG, drawn with its entities.
    diagram = page.locator(".mermaid svg").first
    diagram.wait_for(state="visible")
    diagram.scroll_into_view_if_needed()
    box = diagram.bounding_box()
    assert box["width"] > 100 and box["height"] > 50, box
    assert "COMMENT" in diagram.text_content().upper()


@pytest.mark.parametrize(
    ("lang", "term"), [("en", "serializer"), ("en", "직렬화"), ("ko", "직렬화"), ("ko", "역직렬화")]
)
def test_search_finds_a_term(page, base_url, lang, term):
    prefix = "" if lang == "en" else lang + "/"
    page.goto(base_url + f"{prefix}search.html?q={term}", wait_until="load")
    results = page.locator("#search-results ul.search li")
    results.first.wait_for(state="visible")
    assert results.count() >= 1
    if lang == "ko":  # the Korean pages, found by their Korean text
        assert "/ko/" in results.first.locator("a").first.evaluate("a => a.href")


def test_every_page_switches_to_the_same_page_in_the_other_language(page, base_url):
    page.goto(base_url + LESSON + "/lesson.html", wait_until="load")
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator(".course-lang-switch a", has_text="한국어").click()
    page.wait_for_url(re.compile(r"/ko/" + LESSON + r"/lesson\.html$"))
    assert page.locator("html").get_attribute("lang") == "ko"
    main = page.locator("main").inner_text()
    assert re.search("[가-힣]", main) and "python -m course" in main  # prose Korean, code as is
    page.locator(".course-lang-switch a", has_text="English").click()
    page.wait_for_url(re.compile(r"/" + LESSON + r"/lesson\.html$"))
    assert "/ko/" not in page.url
