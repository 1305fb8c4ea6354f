"""A document as translatable paragraphs: what a catalog entry holds, and how it is put back.

A Markdown text is split at blank lines into blocks; a block is one entry (a paragraph, a heading,
a whole list, a box), and a table is one entry per row, so a changed row leaves the others as they
were. Fenced code, HTML comments and blocks with no letters stay as
they are: code, commands and output are never translated. A notebook's markdown cells are split
the same way; its code cells are left alone, so a translated notebook runs the same code.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

FENCE = re.compile(r"^\s*(```|~~~)")
LETTER = re.compile(r"[^\W\d_]")


def blocks(text: str) -> Iterator[tuple[str, bool]]:
    """``(block, translatable)`` pairs, in order; the blocks joined by blank lines give ``text``
    back (up to trailing whitespace)."""
    current: list[str] = []
    fence: str | None = None
    for line in text.splitlines():
        if fence is not None:  # inside fenced code: everything to the closing fence is one block
            current.append(line)
            if line.strip().startswith(fence):
                yield "\n".join(current), False
                current, fence = [], None
            continue
        match = FENCE.match(line)
        if match:
            if current:
                yield from _finish(current)
            current, fence = [line], match.group(1)
            continue
        if not line.strip():
            if current:
                yield from _finish(current)
            current = []
            continue
        current.append(line)
    if current:
        yield ("\n".join(current), False) if fence else next(_finish(current))


def _finish(lines: list[str]) -> Iterator[tuple[str, bool]]:
    block = "\n".join(lines)
    stripped = block.strip()
    translatable = bool(LETTER.search(stripped)) and not (
        stripped.startswith("<!--") and stripped.endswith("-->")
    )
    yield block, translatable


TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _units(block: str) -> list[tuple[str, bool]]:
    """A table's rows (its ``| --- |`` rule kept as it is), or the block whole."""
    lines = block.splitlines()
    if len(lines) > 1 and all(line.lstrip().startswith("|") for line in lines):
        return [(line, not TABLE_RULE.match(line) and bool(LETTER.search(line))) for line in lines]
    return [(block, True)]


def messages(text: str) -> list[str]:
    """The translatable paragraphs (and table rows) of a Markdown text, each once, in order."""
    seen: dict[str, None] = {}
    for block, translatable in blocks(text):
        if translatable:
            for unit, wanted in _units(block):
                if wanted:
                    seen.setdefault(unit, None)
    return list(seen)


def translate(text: str, lookup: Callable[[str], str | None]) -> str:
    """``text`` with each translatable unit replaced by ``lookup(unit)`` (kept when None)."""
    out = []
    for block, translatable in blocks(text):
        if not translatable:
            out.append(block)
            continue
        units = [(lookup(unit) if wanted else None) or unit for unit, wanted in _units(block)]
        out.append("\n".join(units))
    ending = "\n" if text.endswith("\n") else ""
    return "\n\n".join(out) + ending
