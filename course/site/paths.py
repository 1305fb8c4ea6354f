"""Where a repository path lives on the site, and the Markdown that points there."""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..stages import ROOT, Stage

HERE = Path(__file__).resolve().parent
BUILD = ROOT / "build" / "site"
MERMAID_JS = HERE / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
EXERCISES = ROOT / "exercises"
NPM_HINT = (
    "run: npm ci --prefix course/site   (installs the pinned Mermaid script; Node.js 20 or later)"
)


def stage_dir(stage: Stage) -> str:
    """The stage's folder, relative to the repository root: ``lessons/04_one_to_many``, ``project``."""
    return stage.path.relative_to(ROOT).as_posix()


def _stage_of(rel: str) -> tuple[str, str] | None:
    """``("lessons/04_one_to_many", "articles/views.py")`` for a path inside a lesson stage."""
    match = re.match(r"(lessons/\d\d_[^/]+)/?(.*)$", rel)
    return (match.group(1), match.group(2)) if match else None


def page_for(rel: str) -> str | None:
    """The site page (its source file, from the site root) that shows a repository path, or None."""
    rel = rel.strip("/")
    if rel in ("", "README.md"):
        return "index.md"
    if rel in ("CONTRIBUTING.md", "GLOSSARY.md"):
        return rel.lower() if (ROOT / rel).exists() else None
    if rel in ("notebooks", "notebooks/README.md"):
        return "notebooks/index.md"
    if re.fullmatch(r"notebooks/[^/]+\.ipynb", rel):
        return rel if (ROOT / rel).exists() else None
    if rel in ("project", "project/README.md"):
        return "project/index.md"
    match = re.match(r"exercises/(\d\d_[^/]+)", rel)
    if match and (ROOT / "lessons" / match.group(1)).is_dir() and (ROOT / rel).exists():
        return f"lessons/{match.group(1)}/exercises.md"
    inside = _stage_of(rel)
    if inside and (ROOT / inside[0] / "manage.py").exists() and (ROOT / rel).exists():
        folder, sub = inside
        if sub in ("", "README.md"):
            return f"{folder}/index.md"
        if re.fullmatch(r"lesson[^/]*\.ipynb", sub):
            return f"{folder}/{sub}"
        return f"{folder}/files.md"
    return None


LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(([^)\s]+)\)")


def rewrite_links(text: str, base: str) -> str:
    """Point the Markdown links of a file at ``base`` (its folder, from the repository root) at
    site pages. A link to something the site does not show keeps its text and loses the link."""

    def replace(match: re.Match) -> str:
        bang, label, target = match.groups()
        if bang or re.match(r"[a-z][a-z0-9+.-]*:|#", target, re.I):
            return match.group(0)  # images, external links, anchors on the same page
        path, _, anchor = target.partition("#")
        rel = os.path.normpath(os.path.join(base, path)).replace("\\", "/")
        page = None if rel.startswith("..") else page_for("" if rel == "." else rel)
        if page is None:
            return label
        return f"[{label}](/{page}{'#' + anchor if anchor else ''})"

    return LINK.sub(replace, text)


def fence(body: str, info: str = "") -> str:
    """A fenced code block that survives backticks inside ``body``."""
    longest = max((len(m) for m in re.findall(r"`{3,}", body)), default=2)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}{info}\n{body.rstrip()}\n{ticks}\n"


LANGUAGES = {
    ".py": "python",
    ".json": "json",
    ".html": "html",
    ".md": "markdown",
    ".js": "javascript",
    ".css": "css",
    ".txt": "text",
    ".toml": "toml",
    ".ini": "ini",
    ".cfg": "ini",
    ".yml": "yaml",
    ".yaml": "yaml",
    ".sh": "bash",
}
