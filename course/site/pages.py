"""What each of the site's generated pages says, as Markdown: a stage's index, diff, files and
exercises, and the course notebooks' index. Its ``t("...")`` strings are the site's own words (their
catalog: ``locale/<lang>/LC_MESSAGES/course/site/pages.py.po``); ``sources`` writes the pages."""

from __future__ import annotations

import re
from pathlib import Path

from .. import diff as diffs
from ..stages import Stage, previous
from .language import current, read, t
from .paths import EXERCISES, LANGUAGES, fence, rewrite_links, stage_dir


def _demote(text: str, levels: int) -> str:
    """Headings ``levels`` deeper, outside fenced code."""
    out, in_fence = [], False
    for line in text.splitlines():
        if re.match(r"\s*(```|~~~)", line):
            in_fence = not in_fence
        if not in_fence and re.match(r"#{1,6} ", line):
            line = "#" * levels + line
        out.append(line)
    return "\n".join(out) + "\n"


def exercise_folders(stage: Stage) -> list[Path]:
    folder = EXERCISES / stage.name
    if not folder.is_dir():
        return []
    found = [
        p
        for p in folder.iterdir()
        if p.is_dir() and re.match(r"\d+_", p.name) and (p / "README.md").exists()
    ]
    return sorted(found, key=lambda p: int(p.name.split("_", 1)[0]))


def lesson_box(stage: Stage, notebooks: list[str]) -> str:
    number = f"{stage.number:02d}" if stage.number is not None else stage.name
    folder = stage_dir(stage)
    lines = [
        ":::{admonition} " + t("Open this lesson on your machine"),
        ":class: tip course-open-lesson",
        "",
        t(
            "From the root of your copy of the course, after the set-up of the [home page](/index.md):"
        ),
        "",
        fence(
            f"python -m course lab {number}"
            + ("" if current.lang == "en" else f" --lang {current.lang}")
        ),
        t(
            "It migrates a database for this stage, starts its live server and opens `{notebook}` in JupyterLab."
        ).format(notebook=notebooks[0] if notebooks else "lesson.ipynb"),
        "",
        t("- The stage folder: [`{folder}/`](/{folder}/files.md), every file of it").format(
            folder=folder
        ),
    ]
    if exercise_folders(stage):
        lines.append(
            t("- Its exercises: [`exercises/{name}/`](/{folder}/exercises.md)").format(
                name=stage.name, folder=folder
            )
        )
    lines += [":::", ""]
    return "\n".join(lines)


def stage_index(stage: Stage, notebooks: list[str]) -> str:
    folder = stage_dir(stage)
    text = rewrite_links(read(stage.path / "README.md"), folder)
    title, _, rest = text.partition("\n")
    toc = [t("Notebook: {name}").format(name=name) + f" <{name[:-6]}>" for name in notebooks]
    toc += ["diff", "files"]
    if exercise_folders(stage):
        toc.append("exercises")
    return (
        f"{title}\n\n{lesson_box(stage, notebooks)}\n{rest}\n"
        "```{toctree}\n:maxdepth: 1\n:caption: "
        + t("This lesson")
        + "\n\n"
        + "\n".join(toc)
        + "\n```\n"
    )


def _split_by_file(lines: list[str]) -> list[tuple[str, list[str]]]:
    chunks: list[tuple[str, list[str]]] = []
    for index, line in enumerate(lines):
        nxt = lines[index + 1] if index + 1 < len(lines) else ""
        if line.startswith("--- ") and nxt.startswith("+++ "):
            old, new = line[4:].strip(), nxt[4:].strip()
            name = (new if new != "/dev/null" else old).split("/", 1)[-1]
            chunks.append((name, []))
        if chunks:
            chunks[-1][1].append(line)
    return chunks


def diff_page(stage: Stage) -> str:
    before = previous(stage)
    if before is None:
        base, label = diffs.startproject_baseline(), "startproject"
        intro = t(
            "Lesson 01 has no stage before it: this is what it adds to what `django-admin "
            "startproject config .` and `python manage.py startapp articles` generate."
        )
        command = ""
    else:
        base, label = before.path, before.name
        intro = t("What this stage changed against [`{folder}`](/{folder}/index.md).").format(
            folder=stage_dir(before)
        )
        command = fence(f"python -m course diff {before.number:02d} {stage.number:02d}")
    changes = diffs.changes(base, stage.path)
    parts = [
        t("# What lesson {number} changed").format(number=f"{stage.number:02d}") + "\n",
        intro + "\n",
    ]
    if command:
        parts.append(t("The same on your machine:") + "\n\n" + command)
    parts.append(fence(diffs.stat(changes), "text"))
    lines = list(diffs.unified(base, stage.path, label_a=label, label_b=stage.name))
    # The code first; the README, which describes it, last.
    for name, chunk in sorted(_split_by_file(lines), key=lambda c: c[0] == "README.md"):
        parts.append(f"## `{name}`\n\n" + fence("".join(chunk), "diff"))
    return "\n".join(parts)


def files_page(stage: Stage) -> str:
    folder = stage_dir(stage)
    parts = [
        t("# The files of `{folder}/`").format(folder=folder) + "\n",
        t(
            "Every file of the stage folder, as the course ships it (notebooks: see "
            "[the lesson page](/{folder}/index.md)). `python -m course lab {number}` runs it on "
            "your machine."
        ).format(folder=folder, number=f"{stage.number:02d}")
        + "\n",
    ]
    for rel, path in diffs.files(stage.path).items():
        try:
            body = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        parts.append(
            f"## `{rel}`\n\n" + fence(body or "(empty)", LANGUAGES.get(path.suffix, "text"))
        )
    return "\n".join(parts)


def exercises_page(stage: Stage) -> str:
    parts = [
        t("# Exercises: {title}").format(title=read(stage.path / "README.md").split("\n", 1)[0][2:])
        + "\n",
        t(
            "Each exercise is done in your own copy of the stage, and checked against a live "
            "server of it with `python -m course check {number} K`. Solutions are not on this site."
        ).format(number=f"{stage.number:02d}")
        + "\n",
    ]
    for folder in exercise_folders(stage):
        base = f"exercises/{stage.name}/{folder.name}"
        parts.append(_demote(rewrite_links(read(folder / "README.md"), base), 1))
        hints = folder / "hints.md"
        if hints.exists():
            text = rewrite_links(read(hints), base)
            # Hints are headed "## Hint N": under "### Hints" they become "####".
            parts.append(t("### Hints") + "\n\n" + _demote(text, max(0, 4 - _top_level(text))))
    return "\n".join(parts)


def _top_level(text: str) -> int:
    """The level of the biggest heading outside fenced code (4 when there is none)."""
    levels, in_fence = [], False
    for line in text.splitlines():
        if re.match(r"\s*(```|~~~)", line):
            in_fence = not in_fence
        match = None if in_fence else re.match(r"(#{1,6}) ", line)
        if match:
            levels.append(len(match.group(1)))
    return min(levels) if levels else 4


def notebooks_index(names: list[str]) -> str:
    """The index of the course notebooks (``notebooks/``): ``names`` are their pages' files."""
    return (
        t("# Course notebooks")
        + "\n\n"
        + t(
            "Notebooks about the course as a whole and about `project/`, the finished API, "
            "executed against live servers when this site was built."
        )
        + "\n\n```{toctree}\n:maxdepth: 1\n\n"
        + "\n".join(sorted(names))
        + "\n```\n"
    )
