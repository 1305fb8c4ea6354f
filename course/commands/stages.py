"""``list``, ``reset`` and ``diff``: what the stages are and hold (their databases, their files)."""

from __future__ import annotations

import sys

from .. import diff as diffs
from ..exercises.workspace import lab_stage
from ..database import delete_db, prepare
from ..stages import all_stages, resolve
from .guard import confirm, require


def cmd_list(args) -> int:
    stages = all_stages()
    if not stages:
        print("no stages yet")
        return 0
    width = max(len(s.name) for s in stages)
    for stage in stages:
        if stage.db.exists():
            db = f"database: yes ({stage.db.stat().st_size // 1024} KB)"
        else:
            db = "database: not yet"
        print(f"{stage.name:<{width}}  {stage.title}  [{db}]")
    return 0


def cmd_reset(args) -> int:
    stage = lab_stage(resolve(args.stage), args.pristine, "reset")
    require("django")
    if not confirm(
        f"Delete {stage.db} and rebuild it?",
        f"reset deletes {stage.db}: add --yes to confirm",
        args.yes,
    ):
        print("Nothing changed.")
        return 0
    delete_db(stage)
    prepare(stage)
    print(f"Rebuilt {stage.db}")
    return 0


def cmd_diff(args) -> int:
    a, b = resolve(args.a), resolve(args.b)
    if args.stat:
        sys.stdout.write(diffs.stat(diffs.changes(a.path, b.path, notebooks=args.notebooks)))
    else:
        sys.stdout.writelines(diffs.unified(a.path, b.path, notebooks=args.notebooks))
    return 0
