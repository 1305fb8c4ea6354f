"""The course-wide notebooks in notebooks/, executed the way a learner opens them: in the kernel the
notebook names, and in the "Django Shell-Plus" kernel that `shell_plus` leaves registered (a plain
`jupyter lab` offers it), whichever stage wrote it last."""

import pytest

from course.kernel import KERNEL_NAME
from course.stages import ROOT
from course.testing import execute_notebook

NOTEBOOKS = ROOT / "notebooks"


@pytest.mark.parametrize("kernel", ["python3", KERNEL_NAME])
def test_start_here_runs(kernel):
    execute_notebook(NOTEBOOKS / "00_start_here.ipynb", cwd=NOTEBOOKS, kernel_name=kernel)
