"""Every command a README or CONTRIBUTING.md gives works in PowerShell, in cmd and in a macOS/Linux
shell, or says which one it is for (issue 18, item 16).

A fenced block with no language (or ``console``/``shell``) is for everyone, so it holds commands
that are the same everywhere (``python -m course ...``, ``python manage.py ...``). A block marked
``bash``/``sh`` is for macOS/Linux; ``powershell``/``cmd`` for Windows. Flagged:

- ``set NAME=value && ...`` in cmd keeps the space before ``&&`` in the value;
- a ``#`` comment in a block for everyone: cmd passes it to the command as arguments;
- ``curl`` where Windows may read it: Windows PowerShell 5.1 makes it ``Invoke-WebRequest``
  (``curl.exe`` is the real one);
- ``cp``, ``export``, ``unset``, ``source``, ``rm``, ``mv`` in a block for everyone or for Windows;
- ``.venv\\Scripts\\activate`` in a README that does not say what to do when PowerShell's
  execution policy refuses it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from course.stages import ROOT

EVERYONE = {"", "console", "shell"}
POSIX = {"bash", "sh", "zsh"}
WINDOWS = {"powershell", "ps1", "pwsh", "cmd", "bat", "batch"}
SKIP_DIRS = {".venv", "venv", "node_modules", "work", "build", ".git", ".pytest_cache"}
FENCE = re.compile(r"^(\s*)(```+|~~~+)\s*([\w+-]*)[^\n]*$")

CHECKS = [
    # (languages it applies to, pattern, what is wrong)
    (EVERYONE | WINDOWS, r"\bset \w+=[^&\n]*\s&&", "cmd keeps the space before && in the value"),
    (EVERYONE, r"(^|\S\s+)#(\s|$)", "a # comment: cmd passes it to the command as arguments"),
    (
        EVERYONE | WINDOWS,
        r"(^|[\s;|&(])curl(?!\.exe)\b",
        "curl is Invoke-WebRequest in PowerShell 5.1: curl.exe",
    ),
    (
        EVERYONE | WINDOWS,
        r"(^|[;&|]\s*)(cp|export|unset|source|rm|mv)\s",
        "a macOS/Linux shell command in a block Windows reads: mark it bash, or give both",
    ),
]


def readmes() -> list[Path]:
    found = []
    for path in sorted(ROOT.rglob("*.md")):
        rel = path.relative_to(ROOT)
        if any(part in SKIP_DIRS for part in rel.parts):
            continue
        if path.name == "README.md" or rel.as_posix() == "CONTRIBUTING.md":
            found.append(path)
    return found


def command_blocks(text: str):
    """``(language, first line number, lines)`` of every fenced block of ``text``."""
    lines, index = text.splitlines(), 0
    while index < len(lines):
        match = FENCE.match(lines[index])
        if not match:
            index += 1
            continue
        fence, language, start = match.group(2), match.group(3).lower(), index + 1
        end = start
        while end < len(lines) and not lines[end].strip().startswith(fence):
            end += 1
        yield language, start + 1, lines[start:end]
        index = end + 1


def problems_of(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    rel = path.relative_to(ROOT).as_posix()
    found = []
    for language, first, lines in command_blocks(text):
        for offset, line in enumerate(lines):
            for languages, pattern, why in CHECKS:
                if language in languages and re.search(pattern, line):
                    found.append(f"{rel}:{first + offset}: {line.strip()!r}: {why}")
    if re.search(r"Scripts[\\/]+activate", text, re.I) and "ExecutionPolicy" not in text:
        found.append(
            f"{rel}: .venv\\Scripts\\activate without what to do when PowerShell's execution "
            "policy refuses it (Set-ExecutionPolicy -Scope Process ...)"
        )
    return found


def test_the_scanner_flags_each_pattern_of_the_issue():
    sample = ROOT / "README.md"
    flagged = [
        "set COURSE_CORS=off && python -m course lab 06",
        "python -m course lab 01   # the first lesson",
        "curl http://127.0.0.1:8000/articles/",
        "cp .env.example .env",
        "export COURSE_CORS=off",
        "unset COURSE_CORS",
    ]
    for line in flagged:
        text = f"```\n{line}\n```\n"
        blocks = list(command_blocks(text))
        assert any(
            language in languages and re.search(pattern, block_line)
            for language, _, block_lines in blocks
            for block_line in block_lines
            for languages, pattern, _ in CHECKS
        ), line
    assert sample.exists()
    fine = "```bash\ncurl -s http://127.0.0.1:8000/  # macOS/Linux\nexport X=1\n```\n"
    assert not [
        1
        for language, _, block_lines in command_blocks(fine)
        for block_line in block_lines
        for languages, pattern, _ in CHECKS
        if language in languages and re.search(pattern, block_line)
    ]


@pytest.mark.parametrize("path", readmes(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_readme_commands_work_in_every_shell(path):
    problems = problems_of(path)
    assert not problems, "\n".join(problems)
