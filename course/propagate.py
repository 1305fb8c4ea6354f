"""Carry a fix made in one stage into every later stage, as a patch.

A stage is a copy of the stage before it, so a bug fixed in 03 is usually still in 04, 05 and 06.
``python -m course.dev propagate 03 articles/views.py`` takes what changed in that file of stage 03
since the last commit (``--since REV`` for another revision) and applies it, with ``git apply``,
to the same file in each later lesson. Where the file is different enough that the patch does not
apply, it says so and leaves that stage alone: fix it there by hand.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from .errors import CourseError


@dataclass(frozen=True)
class Outcome:
    stage: str  # the stage folder, relative to the repository
    status: str  # "applied", "already there", "does not apply", "no such file"
    detail: str = ""


def git(root: Path, *args: str, input: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", *args], cwd=root, input=input, capture_output=True, text=True, encoding="utf-8"
    )


def change_of(root: Path, stage: str, file: str, since: str = "HEAD") -> str:
    """The patch of ``file`` in ``stage`` (folders relative to ``root``) from ``since`` to the
    working tree, with paths relative to the stage (``a/articles/views.py``)."""
    proc = git(root, "diff", f"--relative={stage}", since, "--", f"{stage}/{file}")
    if proc.returncode != 0:
        raise CourseError(f"git diff failed: {proc.stderr.strip().splitlines()[-1:]}")
    if not proc.stdout.strip():
        raise CourseError(
            f"{stage}/{file} has not changed since {since}: nothing to carry "
            f"(after a commit, use --since HEAD~1)"
        )
    return proc.stdout


def apply(
    root: Path, patch: str, stages: list[str], file: str, dry_run: bool = False
) -> list[Outcome]:
    """Apply ``patch`` to each of ``stages`` (folders relative to ``root``) where it applies."""
    outcomes = []
    for stage in stages:
        if not (root / stage / file).exists():
            outcomes.append(Outcome(stage, "no such file"))
            continue
        where = [f"--directory={stage}"]
        if git(root, "apply", "--check", *where, "-", input=patch).returncode == 0:
            if not dry_run:
                proc = git(root, "apply", *where, "-", input=patch)
                if proc.returncode != 0:
                    raise CourseError(f"git apply failed in {stage}: {proc.stderr.strip()}")
            outcomes.append(Outcome(stage, "applied"))
        elif git(root, "apply", "--check", "--reverse", *where, "-", input=patch).returncode == 0:
            outcomes.append(Outcome(stage, "already there"))
        else:
            reason = git(root, "apply", "--check", *where, "-", input=patch).stderr.strip()
            outcomes.append(
                Outcome(stage, "does not apply", reason.splitlines()[-1] if reason else "")
            )
    return outcomes
