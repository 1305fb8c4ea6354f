"""What a command makes sure of before it acts: the packages it needs are installed, and the
learner said yes to what cannot be undone. Either failing is one line (``CourseError``)."""

from __future__ import annotations

import importlib.util
import sys

from ..errors import CourseError

INSTALL_HINT = (
    "activate the course's virtual environment (macOS/Linux: source .venv/bin/activate, "
    "Windows: .venv\\Scripts\\activate), or install: python -m pip install -r requirements.txt (tests: requirements-dev.txt)"
)


def confirm(question: str, refusal: str, yes: bool) -> bool:
    """Ask before what cannot be undone (deleting a learner's data, showing a solution). ``yes``
    (``--yes``, ``--show``) skips the question; with no terminal to ask on (a script, CI) the
    command refuses with one line (``refusal``) instead of guessing."""
    if yes:
        return True
    if not sys.stdin or not sys.stdin.isatty():
        raise CourseError(refusal)
    return input(f"{question} [y/N] ").strip().lower() in ("y", "yes")


def require(*modules: str) -> None:
    """Fail with one line when a package the command needs is not installed."""
    for module in modules:
        if importlib.util.find_spec(module) is None:
            raise CourseError(f"missing dependency {module!r}: {INSTALL_HINT}")
