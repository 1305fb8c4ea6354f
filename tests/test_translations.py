"""The Korean edition cannot go stale: every paragraph of every learner-facing document has a
Korean translation that is neither missing nor fuzzy, each glossary term is translated the one way
the glossary says wherever a lesson teaches it, and a Korean notebook runs the English one's code."""

from __future__ import annotations

import json
import re

import pytest

from course.glossary import glossary
from course.i18n import catalogs, render, segments
from course.stages import ROOT

LANG = "ko"
DOCUMENTS = catalogs.documents()
IDS = [d.relative_to(ROOT).as_posix() for d in DOCUMENTS]


@pytest.mark.parametrize("document", DOCUMENTS, ids=IDS)
def test_every_paragraph_is_translated_and_none_is_fuzzy(document):
    """Fails on an English paragraph with no Korean, or whose English changed since it was
    translated (fuzzy): `python -m course.i18n update`, then translate what it names."""
    problems = catalogs.problems(document, LANG)
    assert not problems, "\n".join(problems)


def test_no_catalog_without_its_document():
    """A catalog whose English document is gone (renamed, deleted) goes too."""
    wanted = {catalogs.catalog_path(d, LANG) for d in DOCUMENTS}
    found = set((catalogs.LOCALE / LANG).rglob("*.po"))
    assert not found - wanted, sorted(p.relative_to(ROOT).as_posix() for p in found - wanted)


def test_one_korean_term_per_glossary_term():
    """Where the English teaches a term as "English (한국어)", the Korean uses the glossary's term."""
    terms = [(row["english"], row["korean"]) for row in glossary()]
    wrong = []
    for document in DOCUMENTS:
        found = catalogs.translations(document, LANG)
        for english, korean in terms:
            words = r"\s+".join(re.escape(w) for w in english.split())
            taught = re.compile(rf"(?<![\w-]){words}\w{{0,3}}\**`?\s*\([^()]*{re.escape(korean)}")
            for msgid, msgstr in found.items():
                if taught.search(msgid) and korean not in msgstr:
                    rel = document.relative_to(ROOT).as_posix()
                    wrong.append(f"{rel}: '{english}' is '{korean}' in the glossary: {msgstr[:80]}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(
    "document", [d for d in DOCUMENTS if d.suffix == ".ipynb"], ids=lambda d: d.name
)
def test_korean_notebook_runs_the_english_code(document):
    """The suite executes every English notebook against its live server; the Korean one has the
    very same code cells (same ids, same source), so it runs the same."""
    english = json.loads(document.read_text(encoding="utf-8"))
    korean = render.notebook(document, LANG)
    assert [c["cell_type"] for c in korean["cells"]] == [c["cell_type"] for c in english["cells"]]
    for en, ko in zip(english["cells"], korean["cells"], strict=True):
        assert en.get("id") == ko.get("id")
        if en["cell_type"] == "code":
            assert en["source"] == ko["source"]
        else:  # code inside prose (fenced blocks) is never translated either
            fenced = [b for b, t in segments.blocks("".join(en["source"])) if not t]
            assert all(b in "".join(ko["source"]) for b in fenced)


@pytest.mark.parametrize("document", DOCUMENTS, ids=IDS)
def test_korean_markdown_renders_as_the_english_does(document):
    """CommonMark closes ``**bold**`` only where the next character allows it: ``**인가(authorization)**를``
    shows its asterisks. No translated paragraph may show Markdown syntax as text."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    shown = []
    for msgid, msgstr in catalogs.translations(document, LANG).items():
        if "**" in msgid:
            continue  # the English itself shows them
        text = re.sub(r"<[^>]+>", "", md.render(re.sub(r"`[^`]*`", "", msgstr)))
        if "**" in text:
            shown.append(msgstr[:100])
    rel = document.relative_to(ROOT).as_posix()
    assert not shown, f"{rel}: bold markers shown as text:\n" + "\n".join(shown)
