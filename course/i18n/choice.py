"""Which language the learner reads: chosen once, kept.

``--lang ko`` on a command wins; then ``COURSE_LANG``; then the choice kept by
``python -m course lang ko`` (``work/settings.json``, beside the learner's progress); else English.
"""

from __future__ import annotations

import json
import os

from .. import atomic
from ..errors import CourseError
from . import LANGUAGES, SOURCE_LANGUAGE

ENV = "COURSE_LANG"


def _settings_path():
    from ..exercises.workspace import WORK

    return WORK / "settings.json"


def _settings() -> dict:
    try:
        data = json.loads(_settings_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def check(lang: str) -> str:
    if lang not in LANGUAGES:
        raise CourseError(f"no such language: {lang} (the course has {', '.join(LANGUAGES)})")
    return lang


def current(explicit: str | None = None) -> str:
    """The language to show: ``explicit``, else ``COURSE_LANG``, else the kept choice, else English."""
    for lang in (explicit, os.environ.get(ENV), _settings().get("language")):
        if lang:
            return check(lang)
    return SOURCE_LANGUAGE


def keep(lang: str) -> None:
    """Keep ``lang`` as the learner's choice for every later command."""
    data = _settings()
    data["language"] = check(lang)
    atomic.write_text(_settings_path(), json.dumps(data, indent=2, sort_keys=True) + "\n")
