"""Where the stages are and what they are called.

A stage is a folder with a ``manage.py``: ``lessons/NN_name/`` or ``project/``. It is named on the
command line as ``01``, ``1``, ``01_http_uri`` or ``project``. Running Python in one is
``course.run``'s job; its database, ``course.database``'s.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import CourseError

ROOT = Path(__file__).resolve().parent.parent
LESSONS = ROOT / "lessons"
PROJECT = ROOT / "project"
NOTEBOOK = "lesson.ipynb"  # every lesson's (first) notebook has this name, beside its manage.py
MORE_NOTEBOOKS = "lesson_*.ipynb"  # a long lesson's later parts: lesson_2_auth.ipynb, ...
DB_NAME = "db.sqlite3"


def is_translation(path: Path) -> bool:
    """``lesson.ko.ipynb``, ``README.ko.md``: a translation made from the course's own file (git
    ignores it), never one of the course's documents itself."""
    return len(path.suffixes) > 1


@dataclass(frozen=True)
class Stage:
    name: str  # folder name: "01_http_uri", or "project"
    path: Path

    @property
    def number(self) -> int | None:
        match = re.match(r"(\d+)_", self.name)
        return int(match.group(1)) if match else None

    @property
    def title(self) -> str:
        """The first heading of the stage's README, without its leading '#'."""
        readme = self.path / "README.md"
        if readme.exists():
            for line in readme.read_text(encoding="utf-8").splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
        return self.name

    @property
    def notebook(self) -> Path | None:
        """The stage's first notebook: the one ``course lab`` opens."""
        nb = self.path / NOTEBOOK
        return nb if nb.exists() else None

    @property
    def notebooks(self) -> list[Path]:
        """All the stage's notebooks, in reading order: lesson.ipynb, then lesson_2_*.ipynb, ..."""
        first = [self.notebook] if self.notebook else []
        return first + sorted(p for p in self.path.glob(MORE_NOTEBOOKS) if not is_translation(p))

    @property
    def db(self) -> Path:
        return self.path / DB_NAME

    def __str__(self) -> str:
        return self.name

    # Where a path is expected, a stage is its folder: `stage / "manage.py"`, `cwd=stage`.
    def __fspath__(self) -> str:
        return str(self.path)

    def __truediv__(self, other) -> Path:
        return self.path / other


def lessons() -> list[Stage]:
    """The lesson stages, in order."""
    if not LESSONS.is_dir():
        return []
    found = [
        Stage(p.name, p)
        for p in LESSONS.iterdir()
        if p.is_dir() and re.match(r"\d\d_", p.name) and (p / "manage.py").exists()
    ]
    return sorted(found, key=lambda s: s.name)


def all_stages() -> list[Stage]:
    """The lessons, then project/ when it exists."""
    stages = lessons()
    if (PROJECT / "manage.py").exists():
        stages.append(Stage("project", PROJECT))
    return stages


def resolve(name: str | os.PathLike) -> Stage:
    """Find a stage by ``01``, ``1``, ``01_http_uri``, ``project`` or a path to its folder."""
    text = str(name).strip().rstrip("/\\")
    stages = all_stages()
    path = Path(text)
    if path.is_dir() and (path / "manage.py").exists():
        path = path.resolve()
        for stage in stages:
            if stage.path == path:
                return stage
        return Stage(path.name, path)
    for stage in stages:
        if text == stage.name or (text.isdigit() and stage.number == int(text)):
            return stage
    known = ", ".join(s.name for s in stages) or "none yet"
    raise CourseError(f"unknown stage {text!r}: try one of {known} (or its number)")


def previous(stage: Stage) -> Stage | None:
    """The lesson before this one; for project/, the last lesson."""
    ordered = lessons()
    if stage.name == "project":
        return ordered[-1] if ordered else None
    names = [s.name for s in ordered]
    if stage.name in names:
        index = names.index(stage.name)
        return ordered[index - 1] if index > 0 else None
    return None


def fixtures(stage: Stage) -> list[Path]:
    """The fixture files the stage ships, in name order (so a numbered prefix sets load order)."""
    folder = stage.path / "articles" / "fixtures"
    return sorted(folder.glob("*.json")) if folder.is_dir() else []
