"""Every notebook of the site, executed against a live server of its stage (the test suite's
harness, ``course.testing``).

The test suite's own runs are reused: when ``COURSE_EXECUTED_DIR`` names a folder (the suite sets
it for its session), ``course.testing.run_stage_notebooks`` keeps each lesson notebook it executed
there, normalised (:func:`keep`; the tests of ``notebooks/`` call :func:`keep_course_notebook`),
and a build in that session loads those instead of running them again; the rest it executes
itself. The tests that execute notebooks share the site's xdist group, so they run first.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .. import atomic
from ..errors import CourseError
from ..stages import ROOT, Stage, is_translation, lessons
from .normalize import Executed
from .paths import stage_dir


def _machine_paths(copy: Path | None, shown: str) -> dict[str, str]:
    paths = {
        str(ROOT) + os.sep: "",
        str(ROOT): ".",
        sys.prefix: ".venv",
        tempfile.gettempdir(): "/tmp",
    }
    if copy is not None:
        paths[str(copy)] = shown
    return paths


EXECUTED_ENV = "COURSE_EXECUTED_DIR"


def keep(stage: Stage, copy: Path, executed: dict) -> None:
    """Keep notebooks the test suite executed (``{name: notebook}``), normalised, for the site."""
    for name, nb in executed.items():
        _keep(
            Executed(f"{stage_dir(stage)}/{name[:-6]}", nb, _machine_paths(copy, stage_dir(stage)))
        )


def keep_course_notebook(path: Path, nb) -> None:
    """Keep a notebook of ``notebooks/`` the test suite executed in its own kernel, for the site."""
    _keep(Executed(f"notebooks/{path.stem}", nb, _machine_paths(None, "")))


def _keep(item: Executed) -> None:
    import copy as copying

    import nbformat

    from .normalize import normalize

    folder = os.environ.get(EXECUTED_ENV)
    if not folder:
        return
    item = Executed(item.page, copying.deepcopy(item.notebook), item.machine_paths)
    # Whole or not at all: a build reading it never finds half a notebook.
    atomic.write_text(Path(folder) / (item.page + ".ipynb"), nbformat.writes(normalize(item)))


def _kept_page(page: str):
    """The notebook of ``page`` the suite kept, or None."""
    import nbformat

    folder = os.environ.get(EXECUTED_ENV)
    kept = Path(folder) / (page + ".ipynb") if folder else None
    return nbformat.read(kept, as_version=4) if kept is not None and kept.exists() else None


def _kept(stage: Stage) -> tuple[list[Executed], list[str]]:
    """The stage's notebooks the suite already executed, and the names of those still to run."""
    found, missing = [], []
    for path in stage.notebooks:
        page = f"{stage_dir(stage)}/{path.stem}"
        kept = _kept_page(page)
        if kept is not None:
            found.append(Executed(page, kept))
        else:
            missing.append(path.name)
    return found, missing


def execute_stage(stage: Stage, scratch: Path) -> list[Executed]:
    from ..testing import run_stage_notebooks

    reused, missing = _kept(stage)
    found = []
    # Each notebook on a fresh copy of its own, as the suite runs it (tests/test_stages.py): a
    # notebook's rows (the ids it shows) never depend on which notebooks ran before it, so a page
    # is the same whether the suite executed it or the build did.
    for name in missing:
        started = time.perf_counter()
        copy, executed, log = run_stage_notebooks(stage, scratch / name[:-6], names=[name])
        if "Traceback" in log:
            raise CourseError(f"the server of {stage.name} raised while {name} ran:\n{log[-2000:]}")
        found.append(
            Executed(
                f"{stage_dir(stage)}/{name[:-6]}",
                executed[name],
                _machine_paths(copy.path, stage_dir(stage)),
                time.perf_counter() - started,
            )
        )
    return reused + found


def execute_course_notebook(path: Path, scratch: Path) -> list[Executed]:
    """A notebook of ``notebooks/``, run as tests/ runs it: in its folder, project/ notebooks on a
    throwaway SQLite file, so no learner's database is touched."""
    from ..notebook_server import SERVER_STAGE_ENV, SERVER_URL_ENV
    from ..testing import execute_notebook

    kept = _kept_page(f"notebooks/{path.stem}")
    if kept is not None:
        return [Executed(f"notebooks/{path.stem}", kept)]
    started = time.perf_counter()
    env = {"DATABASE_URL": f"sqlite:///{(scratch / 'db.sqlite3').as_posix()}"}
    # The kernel must start its own server, not one this process may know of.
    env.update({SERVER_URL_ENV: "", SERVER_STAGE_ENV: ""})
    nb = execute_notebook(path, cwd=path.parent, timeout=300, env=env)
    return [
        Executed(
            f"notebooks/{path.stem}", nb, _machine_paths(None, ""), time.perf_counter() - started
        )
    ]


def course_notebooks() -> list[Path]:
    return sorted(p for p in (ROOT / "notebooks").glob("*.ipynb") if not is_translation(p))


def execute_all(scratch: Path, jobs: int) -> list[Executed]:
    """Every notebook of the site, executed; ``jobs`` at a time (each job a kernel and a server)."""
    tasks = [(execute_stage, stage) for stage in lessons()]
    tasks += [(execute_course_notebook, path) for path in course_notebooks()]
    results: list[Executed] = []

    def run(task):
        func, arg = task
        try:
            return func(arg, Path(tempfile.mkdtemp(prefix="site-", dir=scratch)))
        except RuntimeError as error:
            # On a busy machine a kernel can lose the race for the ports it was handed, and die
            # before it answers; one more try, in a new folder, with new ports.
            if "Kernel died" not in str(error):
                raise
            print(f"  a kernel died while starting ({arg}): trying once more", flush=True)
            return func(arg, Path(tempfile.mkdtemp(prefix="site-", dir=scratch)))

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        for items in pool.map(run, tasks):
            for item in items:
                done = f"executed ({item.seconds:.0f} s)" if item.seconds else "kept from the tests"
                print(f"  {item.page}.ipynb: {done}", flush=True)
            results.extend(items)
    return results
