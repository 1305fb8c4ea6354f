"""The site's sources: every page written, in one language, into ``build/site/src`` (Markdown and
normalised notebooks), with the tables of contents that join them. What a page says is ``pages``'s."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..stages import PROJECT, ROOT, lessons
from .language import current, read
from .language import notebook as translated_notebook
from .normalize import Executed
from .pages import (
    diff_page,
    exercise_folders,
    exercises_page,
    files_page,
    notebooks_index,
    stage_index,
)
from .paths import rewrite_links, stage_dir


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_sources(src: Path, executed: list[Executed], lang: str = "en") -> None:
    """Every page's source, in ``lang``, into ``src``."""
    import nbformat

    current.lang = lang

    if src.exists():
        shutil.rmtree(src)
    src.mkdir(parents=True)
    by_page = {item.page: item for item in executed}

    def write_notebook(item: Executed, base: str):
        # Normalised once, by the build, while its temporary paths were known; prose in ``lang``.
        nb = translated_notebook(item.notebook, item.page)
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                cell.source = rewrite_links(cell.source, base)
        target = src / (item.page + ".ipynb")
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, target)

    toc = []
    for stage in lessons():
        folder = stage_dir(stage)
        pages = sorted(p for p in by_page if p.startswith(folder + "/"))
        names = [p.split("/")[-1] + ".ipynb" for p in pages]
        for page in pages:
            write_notebook(by_page[page], folder)
        _write(src / folder / "index.md", stage_index(stage, names))
        _write(src / folder / "diff.md", diff_page(stage))
        _write(src / folder / "files.md", files_page(stage))
        if exercise_folders(stage):
            _write(src / folder / "exercises.md", exercises_page(stage))
        toc.append(f"{folder}/index")

    if (PROJECT / "README.md").exists():
        _write(
            src / "project" / "index.md",
            rewrite_links(read(PROJECT / "README.md"), "project"),
        )
        toc.append("project/index")

    nb_pages = [item for item in executed if item.page.startswith("notebooks/")]
    for item in nb_pages:
        write_notebook(item, "notebooks")
    _write(
        src / "notebooks" / "index.md",
        notebooks_index([i.page.split("/")[-1] for i in nb_pages]),
    )
    toc.append("notebooks/index")

    for name in ("GLOSSARY.md", "CONTRIBUTING.md"):
        if (ROOT / name).exists():
            _write(src / name.lower(), rewrite_links(read(ROOT / name), ""))
            toc.append(name[:-3].lower())

    if lang == "en":  # the instructors' notes: English, and on no learner's page (issue 20)
        from ..instructor_notes import page as instructor_page

        _write(src / "instructors.md", rewrite_links(instructor_page(), ""))
        toc.append("instructors")
    home = rewrite_links(read(ROOT / "README.md"), "")
    _write(
        src / "index.md",
        home + "\n```{toctree}\n:hidden:\n:maxdepth: 1\n\n" + "\n".join(toc) + "\n```\n",
    )
