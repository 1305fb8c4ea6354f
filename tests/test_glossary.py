"""GLOSSARY.md is the course's one list of terms: each appears as "English (한국어)" in its lesson.

A term counts as taught when the English term (plurals allowed) is followed by parentheses that hold
its Korean term, e.g. "**Serialization (직렬화)**" or "URI (Uniform Resource Identifier, 통합 자원
식별자)", in the README of the lesson the glossary names or in any of its notebooks `lesson*.ipynb`.
"""

import json
import re

import pytest

from course.glossary import glossary
from course.stages import LESSONS, is_translation


def lesson_text(folder: str) -> str:
    """The README and every notebook of a lesson, markdown emphasis and backticks removed."""
    path = LESSONS / folder
    parts = [(path / "README.md").read_text(encoding="utf-8")]
    for notebook in sorted(p for p in path.glob("lesson*.ipynb") if not is_translation(p)):
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        parts += ["".join(cell["source"]) for cell in cells]
    return re.sub(r"[*`]", "", "\n".join(parts))


def taught(english: str, korean: str, text: str) -> bool:
    words = r"\s+".join(
        re.escape(word) for word in english.split()
    )  # a line may break between them
    pattern = rf"(?<![\w-]){words}\w{{0,3}}\s*\(([^()]*)\)"
    return any(
        korean in " ".join(match.group(1).split())
        for match in re.finditer(pattern, text, re.IGNORECASE)
    )


TERMS = glossary()


def test_glossary_is_well_formed():
    assert len(TERMS) >= 80
    folders = {path.name for path in LESSONS.iterdir() if path.is_dir()}
    englishes = [row["english"].lower() for row in TERMS]
    assert len(englishes) == len(set(englishes)), "a term is listed twice"
    for row in TERMS:
        assert row["lesson"] in folders, row
        assert re.search(r"[\uac00-\ud7a3]", row["korean"]), row
        assert row["meaning"] and "\n" not in row["meaning"], row


@pytest.mark.parametrize("row", [pytest.param(row, id=row["english"]) for row in TERMS])
def test_term_is_taught_with_its_korean_name(row):
    text = lesson_text(row["lesson"])
    assert taught(row["english"], row["korean"], text), (
        f'{row["lesson"]} never writes "{row["english"]} ({row["korean"]})": add the Korean term '
        f"beside the English one where the lesson first teaches it"
    )
