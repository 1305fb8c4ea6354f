"""The course-wide notebooks in notebooks/, executed the way a learner opens them."""

from pathlib import Path

import nbformat
import pytest

from course.stages import ROOT
from course.testing import execute_notebook

NOTEBOOKS = ROOT / "notebooks"


def test_start_here_runs():
    execute_notebook(NOTEBOOKS / "00_start_here.ipynb", cwd=NOTEBOOKS)


@pytest.mark.parametrize("path", sorted(NOTEBOOKS.glob("*.ipynb")), ids=lambda p: p.stem)
def test_committed_without_outputs(path: Path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, cell.source[:80]
