"""The build: requirements, Mermaid's script, the notebooks executed and normalised once, the pages,
Sphinx; and serving the result."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ..errors import CourseError
from ..i18n import LANGUAGES, SOURCE_LANGUAGE
from ..stages import ROOT
from .execute import execute_all
from .normalize import Executed, normalize, unexpected_tracebacks
from .sources import write_sources
from .paths import BUILD, HERE, MERMAID_JS, NPM_HINT


# The build


def check_requirements() -> None:
    import importlib.util

    for module in ("sphinx", "myst_nb", "sphinx_book_theme", "sphinxcontrib.mermaid", "filelock"):
        try:
            found = importlib.util.find_spec(module)
        except ModuleNotFoundError:
            found = None
        if found is None:
            raise CourseError(
                f"missing dependency {module!r}: run: python -m pip install -r requirements-dev.txt"
            )
    install_mermaid()


def install_mermaid() -> None:
    """``npm ci --prefix course/site`` once, the first time a site is built: the Mermaid script at
    the version ``course/site/package-lock.json`` pins (from the npm registry, at install time
    only). Without npm, one line that says what to install.

    Two builds at once (two terminals, two test workers) take turns: ``npm ci`` empties
    ``node_modules`` first, so a second one running alongside fails on the first one's files."""
    from filelock import FileLock

    if MERMAID_JS.exists():
        return
    with FileLock(HERE / ".npm-ci.lock"):
        if not MERMAID_JS.exists():
            run_npm_ci()


def run_npm_ci() -> None:
    npm = shutil.which("npm")
    if npm is None:
        raise CourseError(
            f"missing {MERMAID_JS.relative_to(ROOT)} and no npm to install it: "
            f"install Node.js 20 or later, then {NPM_HINT}"
        )
    print("Installing the pinned Mermaid script (npm ci --prefix course/site) ...", flush=True)
    proc = subprocess.run(
        [npm, "ci", "--prefix", str(HERE), "--no-audit", "--no-fund", "--loglevel=error"],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0 or not MERMAID_JS.exists():
        raise CourseError(f"npm ci failed ({proc.stderr.strip()[-300:]}): {NPM_HINT}")


def build(out: Path = BUILD, jobs: int = 2, strict: bool = True, execute: bool = True) -> Path:
    """Build the site into ``out``; return the path of its ``index.html``.

    ``execute=False`` reuses the notebooks executed by the previous build (``out/executed``), for
    working on the pages themselves.
    """
    import nbformat

    check_requirements()
    out = Path(out)
    started = time.perf_counter()
    executed_dir = out / "executed"
    if execute:
        print(f"Executing the notebooks against live servers ({jobs} at a time) ...", flush=True)
        with tempfile.TemporaryDirectory(prefix="course-site-") as scratch:
            executed = execute_all(Path(scratch), jobs)
            problems = [p for item in executed for p in unexpected_tracebacks(item)]
            if problems:
                raise CourseError(
                    "a traceback that no cell shows on purpose:\n  " + "\n  ".join(problems)
                )
            for item in executed:  # normalised once, now: the temporary folders are about to vanish
                normalize(item)
            if executed_dir.exists():
                shutil.rmtree(executed_dir)
            for item in executed:
                target = executed_dir / (item.page + ".ipynb")
                target.parent.mkdir(parents=True, exist_ok=True)
                nbformat.write(item.notebook, target)
    else:
        if not executed_dir.is_dir():
            raise CourseError(
                f"no executed notebooks in {executed_dir}: build once without --no-execute"
            )
        executed = [
            Executed(p.relative_to(executed_dir).as_posix()[:-6], nbformat.read(p, as_version=4))
            for p in sorted(executed_dir.rglob("*.ipynb"))
        ]
    executed_at = time.perf_counter()

    html = out / "html"
    static = out / "static"
    static.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(MERMAID_JS, static / "mermaid.min.js")
    (static / "mermaid-version.json").write_text(
        json.dumps({"mermaid": _mermaid_version()}), encoding="utf-8"
    )
    # English at the root, each other language under its code: every page links to its twins.
    for lang in LANGUAGES:
        src = out / "src" / lang
        write_sources(src, executed, lang)
        _sphinx(src, html if lang == SOURCE_LANGUAGE else html / lang, lang, static, jobs, strict)
    index = html / "index.html"
    done = time.perf_counter()
    print(
        f"Built in {done - started:.1f} s: notebooks {executed_at - started:.1f} s, "
        f"pages {done - executed_at:.1f} s",
        flush=True,
    )
    return index


def _sphinx(src: Path, html: Path, lang: str, static: Path, jobs: int, strict: bool) -> None:
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-c", str(HERE), "-q"]
    cmd += ["-W", "--keep-going"] if strict else []
    cmd += ["-j", str(max(1, jobs)), "-D", f"language={lang}"]
    cmd += ["-D", f"html_static_path={static},{HERE / 'static'}", str(src), str(html)]
    proc = subprocess.run(cmd, cwd=ROOT, text=True, encoding="utf-8", capture_output=True)
    if proc.returncode != 0:
        raise CourseError(
            f"Sphinx failed ({lang}):\n" + (proc.stderr or proc.stdout).strip()[-6000:]
        )


def _mermaid_version() -> str:
    package = MERMAID_JS.parent.parent / "package.json"
    return json.loads(package.read_text(encoding="utf-8"))["version"]


def serve(html: Path, port: int = 0):
    """Serve the built site on localhost until Ctrl-C."""
    handler = functools.partial(_QuietHandler, directory=str(html))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        print(
            f"Serving the site on http://127.0.0.1:{server.server_address[1]}/  (Ctrl-C stops it)",
            flush=True,
        )
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            print("\nStopped serving the site.")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass
