"""Lesson 05's README, "make the fixtures again", walked as written: afterwards the stage's own
tests and its notebook still pass, because they count what the files hold."""

import json
import re
import shlex
import subprocess
import sys

from course.server import LiveServer
from course.notebook_server import SERVER_STAGE_ENV, SERVER_URL_ENV
from course.run import dev_env
from course.stages import resolve
from course.testing import copy_stage, execute_notebook

HEADING = "To make the fixtures again"


def readme_commands(readme: str) -> list[list[str]]:
    """The `python manage.py ...` lines of the first code block after the heading sentence."""
    block = re.search(r"```\n(.*?)```", readme[readme.index(HEADING) :], re.S).group(1)
    return [shlex.split(line) for line in block.splitlines() if line.startswith("python manage.py")]


def rows(path):
    return len(json.loads(path.read_text(encoding="utf-8")))


def test_fixtures_made_again_keep_tests_and_notebook_green(tmp_path, monkeypatch):
    stage = copy_stage(resolve("05"), tmp_path)  # migrated and loaded, as the README's lines before
    fixtures = stage.path / "articles" / "fixtures"
    before = rows(fixtures / "articles.json"), rows(fixtures / "comments.json")
    commands = readme_commands((stage.path / "README.md").read_text(encoding="utf-8"))
    assert [c[2] for c in commands] == ["seed", "dumpdata", "dumpdata"], commands
    for command in commands:
        proc = subprocess.run(
            [sys.executable, *command[1:]],
            cwd=stage.path,
            env=dev_env(),
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
        )
        assert proc.returncode == 0, proc.stdout + proc.stderr
    after = rows(fixtures / "articles.json"), rows(fixtures / "comments.json")
    assert after[0] > before[0] and after[1] > before[1], (before, after)

    proc = subprocess.run(
        [sys.executable, "manage.py", "test", "articles", "--noinput"],
        cwd=stage.path,
        env=dev_env(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]

    with LiveServer(stage.path) as server:
        monkeypatch.setenv(SERVER_URL_ENV, server.url)
        monkeypatch.setenv(SERVER_STAGE_ENV, str(stage.path))
        execute_notebook(stage.notebook, cwd=stage.path)
