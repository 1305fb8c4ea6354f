"""Writing files that other threads and processes read or write at the same moment.

The course writes a few files that are shared: the Jupyter kernelspec (every notebook run installs
it), the database cache (every test worker and check may fill it), the learner's progress. Each is
written under a name no other writer can have (``tempfile.mkstemp`` in the target's own folder, so
the rename stays on one file system), then renamed into place: a reader finds the whole old file or
the whole new one, never half of either, and two writers never share a partial file.

The database cache lives in a folder of the user's own (``cache_dir``), created private (0700),
never in the shared temporary folder, where another user of the machine could plant a database.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path

from .errors import CourseError

APP_NAME = "drf-course"


def partial_file(path: Path) -> tuple[int, Path]:
    path.parent.mkdir(parents=True, exist_ok=True)
    # O_EXCL under a random name: an existing file or link of that name is never written through.
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    return fd, Path(name)


def write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    """Write ``data`` to ``path`` whole or not at all, safe under threads and processes."""
    path = Path(path)
    fd, partial = partial_file(path)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return path


def write_text(path: str | os.PathLike, text: str) -> Path:
    """``write_bytes`` for UTF-8 text, with ``\\n`` line ends on every system."""
    return write_bytes(path, text.encode("utf-8"))


def copy_file(source: str | os.PathLike, target: str | os.PathLike) -> Path:
    """Copy ``source`` to ``target`` whole or not at all (a reader never sees half a database)."""
    target = Path(target)
    fd, partial = partial_file(target)
    try:
        with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
            shutil.copyfileobj(src, out)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target


def cache_dir(name: str) -> Path:
    """A private folder of the user's cache (``~/.cache/drf-course/NAME`` on Linux, the local
    AppData folder on Windows), created with mode 0700; refused when another user owns it or others
    may write to it. ``COURSE_CACHE_DIR`` puts it elsewhere."""
    from platformdirs import user_cache_dir

    root = Path(os.environ.get("COURSE_CACHE_DIR") or user_cache_dir(APP_NAME, appauthor=False))
    folder = root / name
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name == "posix":
        info = folder.lstat()
        if stat.S_ISLNK(info.st_mode) or info.st_uid != os.getuid():
            raise CourseError(
                f"{folder} is not a folder of your own: remove it, or set COURSE_CACHE_DIR"
            )
        if info.st_mode & 0o022:
            raise CourseError(f"{folder} may be written by other users: chmod 700 it, or remove it")
    return folder
