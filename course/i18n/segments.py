"""A document as translatable paragraphs: what a catalog entry holds, and how it is put back.

A Markdown text is split at blank lines into blocks; a block is one entry (a paragraph, a heading,
a whole list, a whole table, a box). Fenced code, HTML comments and blocks with no letters stay as
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


def messages(text: str) -> list[str]:
    """The translatable blocks of a Markdown text, each once, in order."""
    seen: dict[str, None] = {}
    for block, translatable in blocks(text):
        if translatable:
            seen.setdefault(block, None)
    return list(seen)


def translate(text: str, lookup: Callable[[str], str | None]) -> str:
    """``text`` with each translatable block replaced by ``lookup(block)`` (kept when None)."""
    out = []
    for block, translatable in blocks(text):
        translated = lookup(block) if translatable else None
        out.append(translated or block)
    ending = "\n" if text.endswith("\n") else ""
    return "\n\n".join(out) + ending
