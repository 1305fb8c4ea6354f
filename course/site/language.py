"""The site in each of the course's languages: English at the root, Korean under ``ko/``.

Each page's text comes from the English document and, for Korean, its catalog (``course.i18n``); the
site's own words are the ``t("...")`` strings of ``pages.py``, which have a catalog of their own. A
notebook is executed once and shown in both languages: only its markdown cells change.
"""

from __future__ import annotations

import copy
import re
from functools import cache
from pathlib import Path

from ..i18n import SOURCE_LANGUAGE, catalogs, segments
from ..stages import ROOT

PAGES = Path(__file__).resolve().parent / "pages.py"
NAMES = {"en": "English", "ko": "한국어"}
ENGLISH_ONLY = {"instructors"}  # the instructors' notes are not translated (issue 20's page)


class _Current:
    lang = SOURCE_LANGUAGE


current = _Current()


@cache
def _lookup(document: Path, lang: str):
    return (
        catalogs.translations(document, lang).get if lang != SOURCE_LANGUAGE else (lambda _: None)
    )


def t(message: str) -> str:
    """One of the site's own sentences, in the language being built."""
    return _lookup(PAGES, current.lang)(message) or message


def read(path: Path) -> str:
    """A Markdown document of the repository, in the language being built."""
    text = path.read_text(encoding="utf-8")
    if current.lang == SOURCE_LANGUAGE:
        return text
    return _same_page_anchors(text, segments.translate(text, _lookup(path.resolve(), current.lang)))


def _headings(text: str) -> list[str]:
    return [
        block.lstrip("#").strip()
        for block, translatable in segments.blocks(text)
        if translatable and re.match(r"#{1,6} ", block) and "\n" not in block
    ]


def _same_page_anchors(english: str, translated: str) -> str:
    """A link to a heading of the same page (``[...](#the-course-as-a-website)``) follows the
    heading into the translation, whose anchor is made from the translated words."""
    from myst_parser.mdit_to_docutils.base import default_slugify

    pairs = zip(_headings(english), _headings(translated), strict=False)
    anchors = {default_slugify(en): default_slugify(tr) for en, tr in pairs}
    return re.sub(
        r"\]\(#([^)\s]+)\)", lambda m: f"](#{anchors.get(m.group(1), m.group(1))})", translated
    )


def notebook(executed_nb, page: str):
    """An executed notebook (``page``: ``lessons/03_serializers/lesson``) with its markdown cells in
    the language being built; outputs and code as executed."""
    if current.lang == SOURCE_LANGUAGE:
        return executed_nb
    source = ROOT / (page + ".ipynb")
    lookup = _lookup(source, current.lang)
    nb = copy.deepcopy(executed_nb)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = segments.translate(cell.source, lookup)
    return nb


def switch(pagename: str, lang: str, languages) -> str:
    """HTML links to the same page in the other languages, relative, so they work from disk too:
    English pages are at the root, a language's under ``<lang>/``."""
    if pagename in ENGLISH_ONLY:
        return ""
    depth = pagename.count("/")
    links = []
    for other in languages:
        if other == lang:
            continue
        up = "../" * (depth + (0 if lang == SOURCE_LANGUAGE else 1))
        target = f"{up}{'' if other == SOURCE_LANGUAGE else other + '/'}{pagename}.html"
        links.append(f'<a href="{target}" hreflang="{other}" lang="{other}">{NAMES[other]}</a>')
    return '<p class="course-lang-switch">' + " · ".join(links) + "</p>\n"
