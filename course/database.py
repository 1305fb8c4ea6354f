"""A stage's database: migrated and given its data (``prepare``), kept in a cache of built ones
to start the next copy faster, deleted.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from . import atomic
from .errors import CourseError
from .run import StageJobError, run_in_stage
from .stages import DB_NAME, Stage

SEED_COMMAND = Path(__file__).resolve().parent / "management" / "commands" / "seed.py"
PREPARE = Path(__file__).resolve().parent / "prepare.py"


def prepare(stage: Stage, fresh: bool = False, urls: bool = False):
    """Migrate the stage's database and give it data, as `lab`, `serve` and the tests need.

    Data comes from what the stage itself ships: its fixtures (``loaddata``), then, when a
    table of the app is still empty (lesson 04's comments, say), a few rows of fake data from
    the course's ``seed`` command. An existing database keeps its rows. All of it runs in one
    Django process (``course.prepare``). With ``urls`` it returns the stage's example URLs too.
    """
    if fresh:
        delete_db(stage)
    restore_cached_db(stage)
    try:
        found = run_in_stage(stage, "course.prepare", *(["--urls"] if urls else []))
    except StageJobError as exc:
        raise CourseError(f"preparing {stage.name} failed: {exc}") from None
    keep_cached_db(stage)
    return found


def cached_db(stage: Stage) -> Path | None:
    """Where a freshly built database of this stage's code is kept, to start the next one faster.

    The name is a digest of everything that decides the database's content (migrations, fixtures,
    settings, the seed command, Django's version), so any change to them builds a new one. None
    when the stage's database is not its own SQLite file (``DATABASE_URL`` names another).
    A copy of a stage (an exercise's) is ``Stage(stage.name, copy_folder)``: it shares the cache.
    """
    if os.environ.get("DATABASE_URL"):
        return None
    import django

    digest = hashlib.sha256(django.__version__.encode())
    for pattern in ("*/migrations/*.py", "*/fixtures/*.json", "config/settings.py"):
        for path in sorted(stage.path.glob(pattern)):
            digest.update(path.relative_to(stage.path).as_posix().encode() + path.read_bytes())
    digest.update(SEED_COMMAND.read_bytes() + PREPARE.read_bytes())  # what data a new one gets
    return db_cache() / f"{stage.name}-{digest.hexdigest()[:16]}.sqlite3"


def db_cache() -> Path:
    """The folder of built databases: the user's own, private (see ``course.atomic.cache_dir``)."""
    return atomic.cache_dir("db")


def restore_cached_db(stage: Stage) -> bool:
    """A stage without a database gets the cached one built from the same code (no migrations to
    run). True when it did."""
    cached = cached_db(stage)
    if cached and cached.exists() and not stage.db.exists():
        shutil.copyfile(cached, stage.db)
        return True
    return False


def keep_cached_db(stage: Stage) -> None:
    """Keep the stage's freshly prepared database for the next start, when none is kept yet."""
    cached = cached_db(stage)
    if cached and not cached.exists() and stage.db.exists():
        atomic.copy_file(stage.db, cached)  # a worker preparing it too finds all of it or none


def delete_db(stage: Stage) -> None:
    """Delete the stage's SQLite file (and its WAL side files): nothing else."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        path = stage.path / (DB_NAME + suffix)
        if path.exists():
            path.unlink()
