"""Applying a solution.patch to a folder, all or nothing, merged three ways with the learner's
changes where it no longer fits. Pure Python: the learner may have no git (a ZIP download on
Windows).
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

from ..errors import CourseError


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
