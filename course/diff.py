"""What one stage changed against another: code and configuration, not databases or caches.

``python -m course diff 03 04`` is ``diff -r`` that skips what a learner did not write (SQLite files,
``__pycache__``, notebook checkpoints) and, unless asked, the notebook JSON.
"""

from __future__ import annotations

import difflib
import fnmatch
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SKIP_DIRS = {"__pycache__", ".ipynb_checkpoints", ".pytest_cache", "node_modules", ".venv", "venv"}
SKIP_FILES = ["db.sqlite3*", "*.pyc", "*.log", ".DS_Store", "Thumbs.db"]
NOTEBOOKS = ["*.ipynb"]


@dataclass(frozen=True)
class Change:
    path: str  # relative, with forward slashes
    status: str  # "added", "deleted" or "modified"
    added: int = 0
    removed: int = 0


def files(root: Path, notebooks: bool = False) -> dict[str, Path]:
    """Relative path (forward slashes) -> file, for every file worth comparing under ``root``."""
    skip = SKIP_FILES + ([] if notebooks else NOTEBOOKS)
    found = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if any(part in SKIP_DIRS for part in rel.parts) or not path.is_file():
            continue
        if any(fnmatch.fnmatch(path.name, pattern) for pattern in skip):
            continue
        found[rel.as_posix()] = path
    return found


def _lines(path: Path | None) -> list[str]:
    if path is None:
        return []
    try:
        return path.read_text(encoding="utf-8").splitlines(keepends=True)
    except UnicodeDecodeError:
        return [f"(binary file, {path.stat().st_size} bytes)\n"]


def _normalized(lines: list[str]) -> list[str]:
    # Line endings differ between a Windows checkout and a Linux one; the lesson does not.
    return [line.rstrip("\r\n") + "\n" for line in lines]


def unified(a: Path, b: Path, notebooks: bool = False, label_a: str = "", label_b: str = ""):
    """Yield the unified diff of two folders, file by file, as text lines.

    Files are named ``<label>/<path>``; a label defaults to the folder's name (the course site
    names a baseline folder "startproject", for instance)."""
    left, right = files(a, notebooks), files(b, notebooks)
    for rel in sorted(set(left) | set(right)):
        old, new = _normalized(_lines(left.get(rel))), _normalized(_lines(right.get(rel)))
        if old == new:
            continue
        yield from difflib.unified_diff(
            old,
            new,
            fromfile=f"{label_a or a.name}/{rel}" if rel in left else "/dev/null",
            tofile=f"{label_b or b.name}/{rel}" if rel in right else "/dev/null",
        )


def changes(a: Path, b: Path, notebooks: bool = False) -> list[Change]:
    """One ``Change`` for each file that differs between two folders."""
    left, right = files(a, notebooks), files(b, notebooks)
    result = []
    for rel in sorted(set(left) | set(right)):
        old, new = _normalized(_lines(left.get(rel))), _normalized(_lines(right.get(rel)))
        if old == new:
            continue
        added = removed = 0
        for line in difflib.unified_diff(old, new, n=0):
            if line.startswith("+") and not line.startswith("+++"):
                added += 1
            elif line.startswith("-") and not line.startswith("---"):
                removed += 1
        status = "added" if rel not in left else "deleted" if rel not in right else "modified"
        result.append(Change(rel, status, added, removed))
    return result


def stat(changes_: list[Change]) -> str:
    """``git diff --stat`` style summary."""
    if not changes_:
        return "no changes\n"
    width = max(len(c.path) for c in changes_)
    lines = [
        f" {c.path:<{width}} | {c.added + c.removed:>4} {'+' * min(c.added, 40)}{'-' * min(c.removed, 40)}"
        + ("  (new)" if c.status == "added" else "  (deleted)" if c.status == "deleted" else "")
        for c in changes_
    ]
    total_add = sum(c.added for c in changes_)
    total_del = sum(c.removed for c in changes_)
    lines.append(
        f" {len(changes_)} files changed, {total_add} insertions(+), {total_del} deletions(-)"
    )
    return "\n".join(lines) + "\n"


@lru_cache(maxsize=1)
def startproject_baseline() -> Path:
    """What ``django-admin startproject config .`` and ``startapp articles`` make, with this Django.

    The first stage has no stage before it; this is what it is compared with instead, so its
    "What changed" list names the files a learner writes by hand.
    """
    folder = Path(tempfile.mkdtemp(prefix="course-startproject-"))
    django_admin = [sys.executable, "-m", "django"]
    subprocess.run([*django_admin, "startproject", "config", str(folder)], check=True)
    subprocess.run([sys.executable, "manage.py", "startapp", "articles"], cwd=folder, check=True)
    # startproject writes a new random key each time: one fixed text, so the diff is the same twice.
    settings = folder / "config" / "settings.py"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(
        re.sub(
            r"'django-insecure-[^'\n]*'",
            "'django-insecure-(random, new at every startproject)'",
            text,
        ),
        encoding="utf-8",
    )
    return folder
