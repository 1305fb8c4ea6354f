"""The course-wide notebooks in notebooks/, executed the way a learner opens them."""

from pathlib import Path

import nbformat
import pytest

from course.notebook import SERVER_STAGE_ENV, SERVER_URL_ENV
from course.stages import ROOT
from course.testing import execute_notebook

NOTEBOOKS = ROOT / "notebooks"


def test_start_here_runs():
    execute_notebook(NOTEBOOKS / "00_start_here.ipynb", cwd=NOTEBOOKS)


def test_project_viewsets_runs(monkeypatch):
    """Lesson 06's API as APIView, generics and a ViewSet (``notebooks/viewsets/``), each step run
    against lesson 06's contract on a live server of a copy of lesson 06 that the notebook makes."""
    monkeypatch.delenv(SERVER_URL_ENV, raising=False)
    monkeypatch.delenv(SERVER_STAGE_ENV, raising=False)
    execute_notebook(NOTEBOOKS / "project_viewsets.ipynb", cwd=NOTEBOOKS, timeout=300)


@pytest.mark.parametrize("path", sorted(NOTEBOOKS.glob("*.ipynb")), ids=lambda p: p.stem)
def test_committed_without_outputs(path: Path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, cell.source[:80]
