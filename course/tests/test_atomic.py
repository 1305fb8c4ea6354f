"""Shared state written by many writers at once: the kernelspec, the database cache, progress."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from course import atomic
from course.errors import CourseError
from course.kernel import KERNEL_NAME, install_spec, spec_dict

WRITERS = 16


def _install_many(prefix: Path) -> None:
    with ThreadPoolExecutor(max_workers=WRITERS) as pool:
        for _ in pool.map(lambda _: install_spec(prefix), range(WRITERS * 4)):
            pass


def test_kernelspec_installed_from_many_threads_and_processes_at_once(tmp_path):
    """Issue: two notebook runs of one process wrote the same ``kernel.json.<pid>`` and the second
    rename found it gone (FileNotFoundError). Four processes of sixteen threads each install it at
    the same moment here: none fails, the spec is whole, and no partial file is left behind."""
    code = (
        "import sys; from pathlib import Path; from course.tests.test_atomic import _install_many; "
        "_install_many(Path(sys.argv[1]))"
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], stderr=subprocess.PIPE)
        for _ in range(4)
    ]
    _install_many(tmp_path)  # and this process's threads too, while they run
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
    folder = tmp_path / "share" / "jupyter" / "kernels" / KERNEL_NAME
    assert json.loads((folder / "kernel.json").read_text(encoding="utf-8")) == spec_dict()
    assert [p.name for p in folder.iterdir()] == ["kernel.json"]


def test_copy_file_never_shows_half_a_file(tmp_path):
    source = tmp_path / "db.sqlite3"
    source.write_bytes(os.urandom(1 << 20))
    target = tmp_path / "cache" / "copy.sqlite3"
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda _: atomic.copy_file(source, target), range(32)))
    assert target.read_bytes() == source.read_bytes()
    assert sorted(p.name for p in target.parent.iterdir()) == ["copy.sqlite3"]


@pytest.mark.skipif(os.name != "posix", reason="file modes and owners are POSIX's")
def test_cache_dir_is_private_and_refuses_a_folder_others_can_write(tmp_path, monkeypatch):
    """Issue: the database cache lived in the shared temporary folder, where another user could plant
    a database with a superuser of theirs. Now it is the user's own, 0700, and checked."""
    monkeypatch.setenv("COURSE_CACHE_DIR", str(tmp_path / "cache"))
    folder = atomic.cache_dir("db")
    assert folder.stat().st_mode & 0o777 == 0o700
    folder.chmod(0o777)
    with pytest.raises(CourseError, match="other users"):
        atomic.cache_dir("db")
    folder.chmod(0o700)
    link = tmp_path / "cache" / "planted"
    link.symlink_to(tmp_path)
    with pytest.raises(CourseError, match="not a folder of your own"):
        atomic.cache_dir("planted")


def test_db_cache_is_not_in_the_shared_temporary_folder(monkeypatch):
    import tempfile

    from course.database import db_cache

    monkeypatch.delenv("COURSE_CACHE_DIR", raising=False)
    assert Path(tempfile.gettempdir()) not in db_cache().parents
