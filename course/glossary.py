"""GLOSSARY.md, read: the course's one list of terms, each with its one Korean term."""

from __future__ import annotations

from .stages import ROOT

GLOSSARY = ROOT / "GLOSSARY.md"


def glossary() -> list[dict[str, str]]:
    """The table's rows: ``english``, ``korean``, ``meaning``, ``lesson`` (the stage folder)."""
    rows = []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 4 or cells[0] in ("English", "---"):
            continue
        english, korean, meaning, lesson = cells
        rows.append(
            {
                "english": english.strip("`"),
                "korean": korean,
                "meaning": meaning,
                "lesson": lesson.strip("`"),
            }
        )
    return rows
