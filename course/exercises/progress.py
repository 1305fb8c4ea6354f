"""The learner's progress in ``work/progress.json``: which exercises passed, how many hints were
seen.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from .. import atomic
from . import workspace
from .catalog import Exercise


def progress_path() -> Path:
    return workspace.WORK / "progress.json"


def load_progress() -> dict:
    path = progress_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _save_progress(data: dict) -> None:
    # Never a half-written file, even when interrupted or when two commands save at once.
    atomic.write_text(progress_path(), json.dumps(data, indent=2, sort_keys=True) + "\n")


def entry(exercise: Exercise) -> dict:
    value = load_progress().get(exercise.key, {})
    return value if isinstance(value, dict) else {}


def is_passed(exercise: Exercise) -> bool:
    return bool(entry(exercise).get("passed"))


def _update(exercise: Exercise, **changes) -> None:
    data = load_progress()
    current = data.get(exercise.key) if isinstance(data.get(exercise.key), dict) else {}
    data[exercise.key] = {**current, **changes}
    _save_progress(data)


def mark_passed(exercise: Exercise) -> None:
    if not is_passed(exercise):
        _update(exercise, passed=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))


def next_hint(exercise: Exercise) -> int:
    """How many hints the learner has now seen (one more than before, at most all of them)."""
    seen = min(int(entry(exercise).get("hints", 0)) + 1, len(exercise.hints))
    _update(exercise, hints=seen)
    return seen


def forget(exercise: Exercise) -> None:
    data = load_progress()
    if data.pop(exercise.key, None) is not None:
        _save_progress(data)
