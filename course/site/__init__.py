"""``python -m course site``: the course as a static website, every notebook executed for real.

The pages are generated into ``build/site/src`` (git-ignored) from what the repository holds:

- the root README as the home page (its course map's links point at site pages);
- per stage: its README with an "open this lesson on your machine" box, its notebooks executed
  against a live server of a fresh copy of the stage by the harness the test suite uses
  (``course.testing.run_stage_notebooks``), its diff against the stage before it
  (``course.diff``), its files, and its exercises' statements and hints (never the solutions);
- the course notebooks (``notebooks/``), the glossary when there is one, CONTRIBUTING.

Executed notebooks go through ``normalize`` (ports, tokens, timestamps, machine paths) before
Sphinx renders them with myst-nb, which does not execute them again. Sphinx's configuration is
``course/site/conf.py``; Mermaid's script comes from the npm package pinned in
``course/site/package.json`` (``npm ci --prefix course/site``), copied into the site at build time.
"""

from .build import build, serve
from .normalize import EPOCH, FIXED_TOKEN, Executed, normalize, normalize_text
from .pages import diff_page, stage_index
from .sources import write_sources
from .paths import BUILD, fence, page_for, rewrite_links

__all__ = [
    "BUILD",
    "EPOCH",
    "FIXED_TOKEN",
    "Executed",
    "build",
    "diff_page",
    "fence",
    "normalize",
    "normalize_text",
    "page_for",
    "rewrite_links",
    "serve",
    "stage_index",
    "write_sources",
]
