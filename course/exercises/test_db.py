"""The test database of a check's test run, built once per schema and kept.

Django builds the test database of every ``manage.py test`` from nothing: it runs every migration
of every installed app, 0.1 s for lesson 01, 0.35 s for lesson 06 and 1.4 s for ``project/``, and a
check runs the stage's tests at least once. When the database is SQLite in memory (the default),
a check's run (``course.exercises.runner``) keeps the migrated database in the user's cache, named
after what decides it: the Python and the packages, the settings, every migration and model file
of the copy. The next run with the same digest copies it into memory (SQLite's backup API) instead
of migrating; any other test database is left to Django. A learner's ``manage.py test`` is never
changed.
"""

from __future__ import annotations

import functools
import hashlib
import os
import sqlite3
import sys
from contextlib import closing, contextmanager
from pathlib import Path

from .. import atomic

# The files of a copy whose change may change the migrated schema.
SCHEMA_FILES = ("**/migrations/*.py", "**/models.py", "**/models/*.py", "config/settings.py")


@functools.cache
def environment() -> bytes:
    """The Python and the packages (name and version, from their ``.dist-info`` folders) this
    process runs with: what passed, or was built, under another Django does not count."""
    found = sorted(
        entry
        for folder in sys.path
        if os.path.isdir(folder)
        for entry in os.listdir(folder)
        if entry.endswith(".dist-info")
    )
    return "\n".join([sys.version, *found]).encode()


def kept_path(folder: Path, connection) -> Path | None:
    """Where the migrated test database of the copy in ``folder`` is kept; None when Django would
    not build it in memory (another engine, or a TEST NAME of the stage's own)."""
    if connection.vendor != "sqlite" or not connection.creation.is_in_memory_db(
        connection.creation._get_test_db_name()
    ):
        return None
    from django.conf import settings

    digest = hashlib.sha256(environment())
    digest.update(repr((settings.INSTALLED_APPS, settings.MIGRATION_MODULES)).encode())
    for pattern in SCHEMA_FILES:
        for path in sorted(folder.glob(pattern)):
            if "__pycache__" not in path.parts:
                digest.update(path.relative_to(folder).as_posix().encode() + path.read_bytes())
    return atomic.cache_dir("test-db") / f"{digest.hexdigest()[:32]}.sqlite3"


@contextmanager
def kept_test_database(folder: Path):
    """Around ``DiscoverRunner.setup_databases``: the default database's ``migrate`` becomes a copy
    of the kept database when there is one; otherwise Django migrates and the result is kept."""
    import django.core.management as management
    from django.db import connections

    connection = connections["default"]
    kept = kept_path(folder, connection)
    if kept is None:
        yield
        return
    call_command = management.call_command

    def migrate_or_restore(name, *args, **options):
        if name != "migrate" or options.get("database", "default") != "default":
            return call_command(name, *args, **options)
        connection.ensure_connection()
        if kept.exists():
            try:
                with closing(sqlite3.connect(kept)) as source:
                    source.backup(connection.connection)
                return None
            except sqlite3.DatabaseError:  # not a database (a disk fault): Django migrates
                pass
        result = call_command(name, *args, **options)
        _keep(connection, kept)
        return result

    management.call_command = migrate_or_restore
    try:
        yield
    finally:
        management.call_command = call_command


def _keep(connection, kept: Path) -> None:
    """Keep the migrated database, whole or not at all: another check may be reading the kept
    one. Keeping only saves time, so a failure here (a reader holding the file on Windows, a full
    disk) leaves the run as it is."""
    fd, partial = atomic.partial_file(kept)
    os.close(fd)
    try:
        with closing(sqlite3.connect(partial)) as target:
            connection.connection.backup(target)
        os.replace(partial, kept)
    except (OSError, sqlite3.Error):
        partial.unlink(missing_ok=True)
