"""A check's test run migrates its test database once per schema (course/exercises/test_db.py)."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing

from course.exercises.stage_tests import run_stage_tests
from course.exercises.workspace import IGNORE
from course.stages import resolve

LABEL = "articles.tests.test_api"


def tables_of(path) -> set[str]:
    with closing(sqlite3.connect(path)) as db:
        return {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def test_the_kept_test_database_is_used_a_broken_one_is_not_and_a_migration_builds_another(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("COURSE_CACHE_DIR", str(tmp_path / "cache"))
    copy = tmp_path / "copy"
    shutil.copytree(resolve("04").path, copy, ignore=IGNORE)
    kept_dir = tmp_path / "cache" / "test-db"

    first = run_stage_tests(copy, exclude=[], labels=[LABEL])
    assert first["ran"] and not first["failures"], first
    (kept,) = kept_dir.glob("*.sqlite3")
    assert {"articles_article", "articles_comment", "django_migrations"} <= tables_of(kept)

    # The next run copies it instead of migrating: an empty database kept there makes it fail.
    kept.write_bytes(b"")
    broken = run_stage_tests(copy, exclude=[], labels=[LABEL])
    assert any("no such table" in f["message"] for f in broken["failures"]), broken

    # A file that is not a database (a disk fault) is not used: Django migrates, and keeps it.
    kept.write_bytes(b"not a database" * 100)
    healed = run_stage_tests(copy, exclude=[], labels=[LABEL])
    assert healed["ran"] and not healed["failures"], healed
    assert "articles_comment" in tables_of(kept)

    # A new migration is another schema: migrated from nothing, kept under another name.
    (copy / "articles" / "migrations" / "0099_nothing.py").write_text(
        "from django.db import migrations\n\n\n"
        "class Migration(migrations.Migration):\n"
        "    dependencies = [('articles', '0002_comment')]\n"
        "    operations = []\n",
        encoding="utf-8",
    )
    again = run_stage_tests(copy, exclude=[], labels=[LABEL])
    assert again["ran"] and not again["failures"], again
    assert len(list(kept_dir.glob("*.sqlite3"))) == 2
