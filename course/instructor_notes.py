"""The instructors' notes, for the course site's instructor page: ``docs/instructors.md`` and each
lesson's ``INSTRUCTORS.md`` (live demo, stumbling points, exercises for class, lesson plan).

The learner's pages never include these files. The lesson plan (teaching and exercise minutes,
prerequisites, objectives, key points) is the ``## Lesson plan`` section of the lesson's README, so
the README and the site's lesson page show the one text; ``lesson_plan(stage)`` reads it, and the
guide says how its minutes were measured.
"""

from __future__ import annotations

import re
from pathlib import Path

from .stages import ROOT, Stage, lessons

GUIDE = "INSTRUCTORS.md"
OVERVIEW = ROOT / "docs" / "instructors.md"
PLAN = "## Lesson plan"
METHOD = "## How the lesson plan's minutes were measured"


def guide(stage: Stage) -> Path | None:
    path = stage.path / GUIDE
    return path if path.exists() else None


def lesson_plan(stage: Stage) -> str:
    """The ``## Lesson plan`` section of the lesson's README (its last line points to the guide,
    where the measuring is told); '' when it has none."""
    path = stage.path / "README.md"
    if not path.exists():
        return ""
    text = path.read_text(encoding="utf-8")
    start = text.find("\n" + PLAN + "\n")
    if start < 0:
        return ""
    rest = text[start + 1 :]
    following = re.search(r"^## ", rest[len(PLAN) :], flags=re.M)
    section = rest[: len(PLAN) + following.start()] if following else rest
    return section.strip() + "\n"


def _demote(text: str) -> str:
    """Every heading one level down, outside code fences, so a guide nests under the page's title."""
    out, fenced = [], False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        out.append("#" + line if not fenced and re.match(r"#{1,5} ", line) else line)
    return "\n".join(out)


def page() -> str:
    """The instructor page: the overview, then each lesson's guide one heading level down."""
    parts = [OVERVIEW.read_text(encoding="utf-8").rstrip() + "\n"]
    for stage in lessons():
        path = guide(stage)
        if path is not None:
            parts.append(_demote(path.read_text(encoding="utf-8")).rstrip() + "\n")
    return "\n".join(parts)
