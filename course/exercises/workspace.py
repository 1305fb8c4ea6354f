"""Where the learner works: ``work/<stage>/`` (a copy of the stage), ``work/progress.json``, and
applying a solution.patch to a folder.

The shipped stages are never changed by learner work: ``course diff``, ``course test`` and the
stage diffs stay as the course wrote them. Both ``work/`` paths are git-ignored, so a ``git pull``
keeps them.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
import time
from pathlib import Path

from ..diff import SKIP_DIRS
from .. import atomic
from ..errors import CourseError
from ..stages import ROOT, Stage, prepare
from .catalog import Exercise, exercises_of

# The learner's folder; COURSE_WORK moves it (the course's own tests use a scratch one).
WORK = Path(os.environ.get("COURSE_WORK") or ROOT / "work")
ANSWERS = "answers"  # work/<stage>/answers/<K>.txt: the learner's predictions
# What a copy of a stage leaves out: databases, caches.
IGNORE = shutil.ignore_patterns(*SKIP_DIRS, "db.sqlite3*", "*.pyc", "*.log")


# ---------------------------------------------------------------------------------------------
# Work copies


def work_path(stage: Stage) -> Path:
    return WORK / stage.name


def has_copy(stage: Stage) -> bool:
    return (work_path(stage) / "manage.py").exists()


def work_copy(stage: Stage, create: bool = True) -> Stage | None:
    """The learner's copy of ``stage`` (made on first use, migrated and filled with the stage's
    data so that ``manage.py`` commands work in it at once, with an answers file per predict
    exercise); None when there is none and ``create`` is false."""
    path = work_path(stage)
    if not has_copy(stage):
        if not create:
            return None
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(stage.path, path, ignore=IGNORE, dirs_exist_ok=True)
        prepare(Stage(stage.name, path))
    for exercise in exercises_of(stage):
        write_answer_template(exercise, path)
    return Stage(stage.name, path)


def answers_file(exercise: Exercise, folder: Path) -> Path:
    return folder / ANSWERS / f"{exercise.number}.txt"


def write_answer_template(exercise: Exercise, folder: Path, overwrite: bool = False) -> None:
    """``answers/<K>.txt`` with one ``key:`` line per prediction, for the learner to fill in."""
    keys = exercise.answer_keys
    target = answers_file(exercise, folder)
    if not keys or (target.exists() and not overwrite):
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        f"# Exercise {exercise.label}: {exercise.title}",
        f"# Write each prediction after its colon, then: python -m course check {exercise.label}",
    ]
    target.write_text("\n".join(lines + [f"{key}: " for key in keys]) + "\n", encoding="utf-8")


def read_answers(exercise: Exercise, folder: Path) -> dict[str, str]:
    """``key: value`` lines of ``answers/<K>.txt`` (comments and blank values left out)."""
    path = answers_file(exercise, folder)
    if not path.exists():
        return {}
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip().startswith("#") or ":" not in line:
            continue
        key, value = line.split(":", 1)
        if value.strip():
            found[key.strip()] = value.strip()
    return found


def backup_path(exercise: Exercise) -> Path:
    """Where ``restart`` keeps the learner's files before it puts the shipped ones back."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    return WORK / "backups" / exercise.stage.name / f"{exercise.number}-{stamp}"


def files_to_restore(exercise: Exercise) -> list[str]:
    """The files of the copy ``restart`` would put back: those the exercise edits (EDIT and its
    solution), where the learner's file differs from the shipped one."""
    folder, changed = work_path(exercise.stage), []
    for rel in dict.fromkeys(exercise.edit + exercise.patched_files):
        shipped, mine = exercise.stage.path / rel, folder / rel
        if _read(shipped) != _read(mine):
            changed.append(rel)
    return changed


def restart_exercise(exercise: Exercise) -> tuple[list[str], Path | None]:
    """Put back the shipped version of every file the exercise edits; a fresh answers file.

    Every file replaced or removed is copied first to ``backup_path`` (the learner's work on
    another exercise may sit in the same file). Returns the paths restored and the backup folder
    (None when nothing was replaced). The rest of the learner's copy stays as it is.
    """
    folder = work_path(exercise.stage)
    restored = files_to_restore(exercise)
    backup = backup_path(exercise) if any((folder / rel).exists() for rel in restored) else None
    for rel in restored:
        shipped, mine = exercise.stage.path / rel, folder / rel
        if mine.exists():
            (backup / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(mine, backup / rel)
        if shipped.exists():
            mine.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(shipped, mine)
        else:  # the exercise adds this file: starting over removes it
            mine.unlink()
    answers = answers_file(exercise, folder)
    if answers.exists() and backup is not None:
        (backup / ANSWERS).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(answers, backup / ANSWERS / answers.name)
    answers.unlink(missing_ok=True)
    write_answer_template(exercise, folder)
    forget(exercise)
    return restored, backup


def restart_stage(stage: Stage) -> None:
    """Delete the learner's whole copy of the stage and its progress; a new copy is made on use."""
    path = work_path(stage)
    if path.exists():
        shutil.rmtree(path)
    for exercise in exercises_of(stage):
        forget(exercise)


# ---------------------------------------------------------------------------------------------
# Progress: work/progress.json


def progress_path() -> Path:
    return WORK / "progress.json"


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


# ---------------------------------------------------------------------------------------------
# Patches (pure Python: the learner may have no git, e.g. a ZIP download on Windows)


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def apply_patch(patch_text: str, folder: Path, base: Path | None = None) -> None:
    """Apply a unified diff (``a/``/``b/`` paths relative to ``folder``) to ``folder``.

    All or nothing: it is applied to a scratch copy first, and only when every hunk applies are
    the changed files copied over. When a hunk does not fit because the file was changed since
    (another exercise's solution, the learner's own work) and ``base`` is the folder the patch was
    made against (the shipped stage), the patch is applied to ``base``'s file and merged with the
    learner's three ways. What still does not fit raises a one-line CourseError.
    """
    import patch_ng  # patch-ng: a maintained pure-Python fork of python-patch

    patch = patch_ng.fromstring(patch_text.encode("utf-8"))
    if not patch or not patch.items:
        raise CourseError("the solution is not a unified diff")
    targets = []
    for item in patch.items:
        for raw in (item.source, item.target):
            name = raw.decode("utf-8").replace("\\", "/")
            if name != "/dev/null":
                targets.append(name[2:] if name[:2] in ("a/", "b/") else name)
    targets = list(dict.fromkeys(targets))
    try:
        changed = _patched(patch, folder, targets)
    except CourseError:
        if base is None:
            raise
        shipped = _patched(patch, base, targets)
        changed = {
            rel: _merge(rel, _read(base / rel), _read(folder / rel), shipped[rel])
            for rel in shipped
        }
    for rel, content in changed.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        if content is None:
            (folder / rel).unlink(missing_ok=True)
        else:
            (folder / rel).write_bytes(content)


def _patched(patch, folder: Path, targets: list[str]) -> dict[str, bytes | None]:
    """The files ``patch`` changes, as they would be after applying it to ``folder``."""
    with tempfile.TemporaryDirectory(prefix="course-patch-") as scratch:
        scratch = Path(scratch)
        for rel in targets:
            if (folder / rel).exists():
                (scratch / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(folder / rel, scratch / rel)
        before = {rel: _read(scratch / rel) for rel in targets}
        log = logging.getLogger("patch_ng")
        collect = _Collect()
        log.addHandler(collect)
        propagate, log.propagate = log.propagate, False
        try:
            # strip=0: patch-ng drops the a/ and b/ prefixes itself (strip=1 misplaces new files).
            ok = patch.apply(strip=0, root=str(scratch))
        except OSError as error:  # e.g. it deletes a file that is already gone
            where = Path(os.path.relpath(error.filename or ".", scratch)).as_posix()
            raise CourseError(
                f"the solution does not apply to {folder}: {where}: {error.strerror or error}"
            ) from None
        finally:
            log.removeHandler(collect)
            log.propagate = propagate
        already = [m for m in collect.messages if "already patched" in m]
        if not ok or (collect.messages and not already):
            reason = next((m.strip() for m in collect.messages if "hunk" in m), "it does not fit")
            raise CourseError(
                f"the solution does not apply to {folder}: {reason} "
                "(files changed since the stage shipped?)"
            )
        return {rel: _read(scratch / rel) for rel in targets if _read(scratch / rel) != before[rel]}


def _merge(rel: str, base: bytes | None, mine: bytes | None, theirs: bytes | None) -> bytes | None:
    """Three-way merge of one file: the learner's version and the solution's, both from ``base``.
    Where both only added lines at the same place, both additions are kept, the learner's first."""
    from merge3 import Merge3

    if mine == base or mine == theirs:
        return theirs
    if theirs is None or mine is None:
        raise CourseError(f"the solution does not apply: {rel} was changed in your copy")
    lines = [
        (text or b"").decode("utf-8").splitlines(keepends=True) for text in (base, mine, theirs)
    ]
    merged: list[str] = []
    base_lines, my_lines, their_lines = lines
    for region in Merge3(base_lines, my_lines, their_lines).merge_regions():
        kind = region[0]
        if kind == "unchanged":
            merged += base_lines[region[1] : region[2]]
        elif kind in ("a", "same"):
            merged += my_lines[region[1] : region[2]]
        elif kind == "b":
            merged += their_lines[region[1] : region[2]]
        else:  # conflict: base zs:ze, mine as:ae, theirs bs:be
            zs, ze, a_start, a_end, b_start, b_end = region[1:]
            if zs != ze:
                raise CourseError(
                    f"the solution does not apply: {rel}, line {zs + 1}, was changed in your copy "
                    "where the solution changes it too"
                )
            merged += my_lines[a_start:a_end] + their_lines[b_start:b_end]
    return "".join(merged).encode("utf-8")


def _read(path: Path) -> bytes | None:
    return path.read_bytes() if path.exists() else None
