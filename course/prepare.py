"""Run inside a stage's folder: migrate, load its fixtures, seed what is still empty, in ONE process.

``course.database.prepare`` runs ``python -m course.prepare`` in the stage folder (through
``course.in_stage``). One Django start-up instead of three (migrate, loaddata, seed) keeps
``course lab`` and ``course serve`` close to a second from nothing to a running server.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from course import in_stage

SEED = 2026  # the fake data a new database of a stage gets (seed --seed)


def prepare_database(urls: bool = False) -> list[str] | None:
    """With Django set up: migrate, and give a new database the stage's data. With ``urls``, the
    stage's example URLs (``course.routes.example_urls``)."""
    from django.apps import apps
    from django.core.management import call_command, get_commands
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    # A database that has never been migrated is new (a missing SQLite file, or an empty database
    # that DATABASE_URL names): it gets the stage's data. An existing one keeps its rows as they are.
    new = not MigrationRecorder(connection).has_table()
    call_command("migrate", interactive=False, verbosity=0)
    if new:
        fixtures = sorted((Path.cwd() / "articles" / "fixtures").glob("*.json"))
        if fixtures:
            call_command("loaddata", *map(str, fixtures), verbosity=0)
        empty = [m for m in apps.get_app_config("articles").get_models() if not m.objects.exists()]
        if empty and "seed" in get_commands():  # the course app's command, where it is installed
            # A fixed seed: the same rows on every machine and every build of the course site.
            call_command("seed", "articles", number=5, seed=SEED)
    if urls:
        from course.routes import example_urls

        return example_urls()
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course.prepare")
    parser.add_argument("--urls", action="store_true", help="answer the stage's example URLs too")
    args = parser.parse_args(argv)
    from django.apps import apps

    if apps.ready:  # called in-process by a job that set Django up: its errors are the caller's
        prepare_database(args.urls)
        return 0
    return in_stage.main(lambda: prepare_database(args.urls))


if __name__ == "__main__":
    raise SystemExit(main())
