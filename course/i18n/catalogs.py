"""Which documents are translated, where their catalogs are, and how a catalog follows its source.

One catalog per document: ``locale/<lang>/LC_MESSAGES/<the document's path>.po``, so the English
tree and the catalogs mirror each other and a translator's tool (Poedit, Weblate, Lokalize) opens
any of them. Read and written with polib (small, pure Python, so a learner's install stays light).
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import polib

from ..stages import ROOT, is_translation
from . import segments

LOCALE = ROOT / "locale"
# Every document a learner reads, as glob patterns from the repository's root.
DOCUMENTS = (
    "README.md",
    "GLOSSARY.md",
    "lessons/*/README.md",
    "lessons/*/lesson*.ipynb",
    "project/README.md",
    "notebooks/*.ipynb",
    "exercises/*/*/README.md",
    "exercises/*/*/hints.md",
    # The course's own words on the site's pages: each ``t("...")`` of the module is an entry.
    "course/site/pages.py",
)


def documents() -> list[Path]:
    """The source documents, sorted, without generated translations."""
    found = {p for pattern in DOCUMENTS for p in ROOT.glob(pattern) if not is_translation(p)}
    return sorted(found)


def catalog_path(document: Path, lang: str) -> Path:
    rel = document.resolve().relative_to(ROOT).as_posix()
    return LOCALE / lang / "LC_MESSAGES" / (rel + ".po")


def source_messages(document: Path) -> list[str]:
    """The document's translatable paragraphs, each once, in reading order."""
    if document.suffix == ".py":
        return _module_messages(document)
    if document.suffix == ".ipynb":
        cells = json.loads(document.read_text(encoding="utf-8"))["cells"]
        found: dict[str, None] = {}
        for cell in cells:
            if cell["cell_type"] == "markdown":
                for message in segments.messages("".join(cell["source"])):
                    found.setdefault(message, None)
        return list(found)
    return segments.messages(document.read_text(encoding="utf-8"))


def _module_messages(module: Path) -> list[str]:
    """The strings a module hands to ``t(...)`` (its translatable words), each once, in order."""
    import ast

    found: dict[str, None] = {}
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "t"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.setdefault(node.args[0].value, None)
    return list(found)


def gettext(document: Path, lang: str):
    """``t(message)``: the translation of one of ``document``'s messages (itself in English, or
    when it has none yet)."""
    found = translations(document, lang) if lang != "en" else {}
    return lambda message: found.get(message) or message


def load(document: Path, lang: str) -> polib.POFile | None:
    path = catalog_path(document, lang)
    return polib.pofile(str(path), encoding="utf-8", wrapwidth=0) if path.exists() else None


def translations(document: Path, lang: str) -> dict[str, str]:
    """English paragraph -> its translation: only entries that are translated and not fuzzy."""
    catalog = load(document, lang)
    if catalog is None:
        return {}
    return {e.msgid: e.msgstr for e in catalog if e.msgstr and not e.fuzzy and not e.obsolete}


def update(document: Path, lang: str) -> tuple[int, int, int]:
    """Bring the document's catalog in step with its English, as ``msgmerge`` does: a paragraph
    that is new gets an empty entry; one that changed keeps its old translation marked fuzzy (with
    the old English as ``#| msgid``), for a translator to check; one that is gone is dropped.
    Returns (translated, fuzzy, untranslated)."""
    old = load(document, lang)
    known = {e.msgid: e for e in old if not e.obsolete} if old else {}
    catalog = polib.POFile(wrapwidth=0)
    catalog.metadata = {
        "Project-Id-Version": "drf-course",
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    new_ids = source_messages(document)
    gone = [msgid for msgid in known if msgid not in set(new_ids)]
    for msgid in new_ids:
        entry = polib.POEntry(msgid=msgid, msgstr="")
        if msgid in known:
            entry.msgstr, entry.flags = known[msgid].msgstr, list(known[msgid].flags)
            entry.previous_msgid = known[msgid].previous_msgid
        else:
            close = difflib.get_close_matches(msgid, gone, n=1, cutoff=0.6)
            if close and known[close[0]].msgstr:
                entry.msgstr, entry.flags = known[close[0]].msgstr, ["fuzzy"]
                entry.previous_msgid = close[0]
        catalog.append(entry)
    path = catalog_path(document, lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    catalog.save(str(path))
    return counts(catalog)


def counts(catalog: polib.POFile) -> tuple[int, int, int]:
    entries = [e for e in catalog if not e.obsolete]
    fuzzy = sum(1 for e in entries if e.fuzzy)
    translated = sum(1 for e in entries if e.msgstr and not e.fuzzy)
    return translated, fuzzy, len(entries) - translated - fuzzy


def problems(document: Path, lang: str) -> list[str]:
    """What keeps the document's translation from being complete: one line per missing catalog,
    missing, untranslated or fuzzy paragraph, naming the file and the English."""
    rel = document.resolve().relative_to(ROOT).as_posix()
    catalog = load(document, lang)
    if catalog is None:
        return [f"{rel}: no catalog {catalog_path(document, lang).relative_to(ROOT).as_posix()}"]
    entries = {e.msgid: e for e in catalog if not e.obsolete}
    found = []
    for msgid in source_messages(document):
        entry = entries.get(msgid)
        first = msgid.splitlines()[0][:100]
        if entry is None:
            found.append(f"{rel}: not in the catalog (run python -m course.i18n update): {first}")
        elif entry.fuzzy:
            found.append(f"{rel}: fuzzy (the English changed since it was translated): {first}")
        elif not entry.msgstr.strip():
            found.append(f"{rel}: untranslated: {first}")
    return found
