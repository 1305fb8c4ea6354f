"""A translated document, generated from the English one and its catalog.

Only prose changes: a notebook keeps its code cells (and their ids) exactly, so the Korean notebook
runs the same code against the same live server. A paragraph with no translation yet stays English.
"""

from __future__ import annotations

import json
from pathlib import Path

from .. import atomic
from . import catalogs, segments


def localized_name(path: Path, lang: str) -> Path:
    """``lesson.ipynb`` -> ``lesson.ko.ipynb``, beside it (git ignores ``*.ko.*``)."""
    return path.with_name(f"{path.stem}.{lang}{path.suffix}")


def notebook(source: Path, lang: str) -> dict:
    found = catalogs.translations(source, lang)
    nb = json.loads(source.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            text = segments.translate("".join(cell["source"]), found.get)
            cell["source"] = text.splitlines(keepends=True)
    nb.setdefault("metadata", {})["course"] = {"language": lang, "source": source.name}
    return nb


def markdown(source: Path, lang: str) -> str:
    return segments.translate(
        source.read_text(encoding="utf-8"), catalogs.translations(source, lang).get
    )


def text(source: Path, lang: str) -> str:
    """The translated document's whole text (a notebook as JSON)."""
    if source.suffix == ".ipynb":
        return json.dumps(notebook(source, lang), indent=1, ensure_ascii=False) + "\n"
    return markdown(source, lang)


def write(source: Path, lang: str, target: Path | None = None) -> Path:
    """Write the translation of ``source`` (beside it unless ``target`` is given); returns its path."""
    return atomic.write_text(target or localized_name(source, lang), text(source, lang))
