"""The README's first screen is what CI runs: one set-up command, one start, one test command."""

import re
from pathlib import Path

from .conftest import ROOT

README = Path(ROOT, "README.md").read_text(encoding="utf-8")
CI = Path(ROOT, ".ci", "run").read_text(encoding="utf-8")


def first_screen_commands():
    start = README.split("## Start here", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```\n(.*?)```", start, flags=re.S)
    return [line.split("#")[0].strip() for block in blocks for line in block.splitlines()
            if line.strip().startswith("python")]


def test_first_screen_has_setup_start_and_test():
    commands = first_screen_commands()
    assert "python -m pip install -r requirements.txt" in commands
    assert "python -m course lab 01" in commands
    assert "python -m course test" in commands


def test_ci_runs_the_readme_setup_and_test_commands_verbatim():
    ci_lines = [line.strip() for line in CI.splitlines()]
    assert "python -m pip install -q -r requirements.txt" in ci_lines or \
        "python -m pip install -r requirements.txt" in ci_lines
    assert ci_lines[-1] == "python -m course test"


def test_every_stage_in_the_map_exists():
    for folder in re.findall(r"\]\((lessons/\d\d_\w+)/\)", README):
        assert (Path(ROOT) / folder / "manage.py").exists(), folder
        assert (Path(ROOT) / folder / "lesson.ipynb").exists(), folder
