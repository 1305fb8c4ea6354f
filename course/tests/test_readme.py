"""The README's first screen is what CI runs: one set-up command, one start, one test command."""

import re
from pathlib import Path

from .conftest import ROOT

README = Path(ROOT, "README.md").read_text(encoding="utf-8")
CI = Path(ROOT, ".ci", "run").read_text(encoding="utf-8")


def first_screen_commands():
    start = README.split("## Start here", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```[\w-]*\n(.*?)```", start, flags=re.S)
    return [
        line.split("#")[0].strip()
        for block in blocks
        for line in block.splitlines()
        if line.strip().startswith("python")
    ]


def test_first_screen_has_setup_start_and_test():
    commands = first_screen_commands()
    assert "python -m pip install -r requirements.txt" in commands
    assert "python -m course lab 01" in commands
    assert "python -m course test" in commands
    # The test block is one block that works on a fresh clone: the contributors' install, then test.
    test_at = commands.index("python -m course test")
    assert commands[test_at - 1] == "python -m pip install -r requirements-dev.txt"


def test_ci_runs_the_readme_setup_and_test_commands_verbatim():
    ci_lines = [line.strip() for line in CI.splitlines()]
    assert "python -m pip install -q -r requirements-dev.txt" in ci_lines
    assert "python -m course test" in ci_lines  # then the other Pythons and consoles (.ci/run)


def test_the_dev_requirements_include_the_learners():
    dev = Path(ROOT, "requirements-dev.txt").read_text(encoding="utf-8").splitlines()
    assert "-r requirements.txt" in dev


def test_every_stage_in_the_map_exists():
    for folder in re.findall(r"\]\((lessons/\d\d_\w+)/\)", README):
        assert (Path(ROOT) / folder / "manage.py").exists(), folder
        assert (Path(ROOT) / folder / "lesson.ipynb").exists(), folder


def test_the_readme_diff_command_shows_the_files_course_diff_shows():
    """The README's `diff -ru ...` line, run as it is written, names the same files as `course diff`."""
    import shlex
    import shutil
    import subprocess

    from course import diff
    from course.stages import resolve

    line = next(line for line in README.splitlines() if line.startswith("diff -r"))
    args = shlex.split(line.split("#")[0])
    assert shutil.which("diff"), "GNU or BSD diff is part of every macOS and Linux"
    a, b = resolve(args[-2]), resolve(args[-1])
    out = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=60).stdout
    shown = set()
    for text in out.splitlines():
        if text.startswith("+++ "):
            shown.add(Path(text[4:].split("\t")[0]).relative_to(args[-1]).as_posix())
        elif text.startswith("Only in "):
            folder, name = text[len("Only in ") :].split(": ", 1)
            root = args[-2] if folder.startswith(args[-2]) else args[-1]
            shown.add((Path(folder) / name).relative_to(root).as_posix())
    assert shown == {c.path for c in diff.changes(a.path, b.path)}
