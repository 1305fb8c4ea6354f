"""Each stage's README says which files changed since the stage before it; check that it is true.

The section is headed ``## What changed since the previous stage`` and names each file in backticks,
for example ``- `articles/serializers.py` (new): the serializers``. The README itself and the
notebook are not listed: they differ in every stage.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import diff
from .stages import Stage, previous

HEADING = "## What changed since the previous stage"
NOT_LISTED = {"README.md"}


def listed_files(readme: Path) -> set[str]:
    """The backticked paths in the README's "What changed" section."""
    text = readme.read_text(encoding="utf-8")
    if HEADING not in text:
        raise ValueError(f"{readme} has no '{HEADING}' section")
    section = text.split(HEADING, 1)[1]
    section = re.split(r"^## ", section, maxsplit=1, flags=re.M)[0]
    paths = set()
    for line in section.splitlines():
        if line.lstrip().startswith(("-", "*")):
            match = re.search(r"`([^`\s]+)`", line)
            if match:
                paths.add(match.group(1).strip("/"))
    return paths


def baseline(stage: Stage) -> Path:
    """The folder the stage is compared with: the stage before it, or a fresh startproject."""
    before = previous(stage)
    return before.path if before else diff.startproject_baseline()


def actual_files(stage: Stage) -> set[str]:
    return {c.path for c in diff.changes(baseline(stage), stage.path) if c.path not in NOT_LISTED}


def check(stage: Stage) -> tuple[set[str], set[str]]:
    """(changed but not listed, listed but not changed); both empty when the README is right."""
    listed = listed_files(stage.path / "README.md")
    actual = actual_files(stage)
    return actual - listed, listed - actual
