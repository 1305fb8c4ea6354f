"""Lesson 05: the lecture notes' whole fixtures workflow, in one run, on a copy of the stage.

fake data (``seed``) -> ``dumpdata`` -> ``articles/fixtures/`` -> a new database -> ``loaddata``.
The commands are the ones a learner types in the stage folder (the README's "make the fixtures
again" block); they run here in a throwaway copy, so the learner's fixtures and database stay as
they are.
"""

from __future__ import annotations

import json
from pathlib import Path

from course.run import run_manage
from course.stages import Stage, resolve
from course.testing import copy_stage


def run(parent: Path, number: int = 3) -> dict:
    """Copy stage 05 under ``parent`` and run the workflow there; return what each step left."""
    copy: Stage = copy_stage(resolve("05"), parent, ready=False)  # no database yet
    steps = {}

    def manage(*args: str) -> str:
        return run_manage(copy, *args, capture=True).stdout

    manage("migrate")  # empty tables
    steps["seed"] = manage("seed", "articles", f"--number={number}", "--locale=ko_KR", "--seed=5")
    fixtures = copy.path / "articles" / "fixtures"
    for model, name in (
        ("articles.article", "articles.json"),
        ("articles.comment", "comments.json"),
    ):
        manage("dumpdata", model, "--indent", "2", "-o", f"articles/fixtures/{name}")
    dumped = {
        name: json.loads((fixtures / name).read_text(encoding="utf-8"))
        for name in ("articles.json", "comments.json")
    }

    copy.db.unlink()  # a brand-new database
    manage("migrate")
    steps["loaddata"] = manage("loaddata", "articles.json", "comments.json")
    steps["reloaded"] = json.loads(manage("dumpdata", "articles.article", "articles.comment"))
    return {"copy": copy, "fixtures": fixtures, "dumped": dumped, "steps": steps}
