"""``python -m course submit``: one small file a learner hands in (e-mail, LMS, git).

It holds, for each lesson the learner has a copy of, the changes to that copy as a unified diff
against the shipped stage, a digest of the shipped stage it was made from, and the learner's
progress: no database, no virtual environment, no notebook. ``course grade submissions/`` reads it
back (``load``) and trusts none of it but the patches.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import re
import subprocess
import time
from pathlib import Path, PurePosixPath

from ..diff import files, unified
from ..errors import CourseError
from ..exercises import workspace
from ..exercises.progress import load_progress
from ..exercises.catalog import exercises_of
from ..stages import ROOT, Stage, all_stages

FORMAT = "drf-course-submission"
VERSION = 1
MAX_BYTES = 5_000_000  # a submission is a few patches; anything bigger is not one


class NotASubmission(Exception):
    """The file cannot be read as a submission; the message says why, in one line."""


def digest(stage: Stage) -> str:
    """What the patches of a lesson are made against: a digest of its shipped files."""
    h = hashlib.sha256()
    for rel, path in files(stage.path).items():
        h.update(rel.encode() + b"\0" + path.read_bytes().replace(b"\r\n", b"\n") + b"\0")
    return h.hexdigest()[:16]


def patch_of(stage: Stage, copy: Path) -> str:
    """The learner's changes to ``copy``, as a diff with ``a/`` and ``b/`` paths, as solutions are."""
    return "".join(unified(stage.path, copy, label_a="a", label_b="b"))


def _commit() -> str:
    try:
        proc = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return proc.stdout.strip() if proc.returncode == 0 else ""


def learner_name() -> str:
    try:
        proc = subprocess.run(
            ["git", "config", "user.name"], cwd=ROOT, capture_output=True, text=True, timeout=10
        )
        if proc.returncode == 0 and proc.stdout.strip():
            return proc.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    return getpass.getuser()


def build(learner: str) -> dict:
    copies = {}
    for stage in all_stages():
        if workspace.has_copy(stage) and exercises_of(stage):
            copies[stage.name] = {
                "base": digest(stage),
                "patch": patch_of(stage, workspace.work_path(stage)),
            }
    if not copies:
        raise CourseError(
            f"nothing to submit: no exercise copy in {workspace.WORK} "
            "(start one with python -m course exercises 01)"
        )
    return {
        "format": FORMAT,
        "version": VERSION,
        "learner": learner,
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "course_commit": _commit(),
        "copies": copies,
        "progress": load_progress(),
    }


def write(learner: str, out: Path) -> Path:
    data = build(learner)
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", learner).strip("-.") or "learner"
    path = out / f"submission-{slug}.json"
    out.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def load(path: Path) -> dict:
    """A submission read and its shape checked; ``NotASubmission`` with the reason otherwise."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise NotASubmission(f"{path.stat().st_size} bytes: a submission is a few patches")
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise NotASubmission(f"not a submission (not JSON: {type(error).__name__})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise NotASubmission("not a submission (no course submission header)")
    if data.get("version") != VERSION:
        raise NotASubmission(
            f"a submission of format {data.get('version')!r}, from another version of the course "
            f"(this one reads format {VERSION})"
        )
    copies = data.get("copies")
    if not isinstance(copies, dict) or not all(
        isinstance(c, dict) and isinstance(c.get("patch"), str) for c in copies.values()
    ):
        raise NotASubmission("malformed submission: 'copies' is not lesson -> {base, patch}")
    for lesson, copy in copies.items():
        if bad := unsafe_paths(copy["patch"]):
            raise NotASubmission(f"malformed submission: {lesson} patches a path outside it: {bad}")
    return data


def unsafe_paths(patch: str) -> str:
    """The first path of the diff that would land outside the copy ('' when none)."""
    for line in patch.splitlines():
        if line.startswith(("--- ", "+++ ")):
            name = line[4:].split("\t")[0].strip().replace("\\", "/")
            if name == "/dev/null":
                continue
            path = PurePosixPath(name)
            if path.is_absolute() or ".." in path.parts or ":" in path.parts[0]:
                return name
    return ""


def cmd_submit(args) -> int:
    path = write(args.name or learner_name(), Path(args.out))
    data = json.loads(path.read_text(encoding="utf-8"))
    size = path.stat().st_size
    print(f"Wrote {path} ({size // 1024 or 1} KB): your changes to {', '.join(data['copies'])}.")
    print("Hand in that one file; your copies in work/ stay as they are.")
    return 0
