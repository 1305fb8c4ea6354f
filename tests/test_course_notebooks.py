"""The course-wide notebooks in notebooks/, executed the way a learner opens them: in the kernel the
notebook names, and in the "Django Shell-Plus" kernel that `shell_plus` leaves registered (a plain
`jupyter lab` offers it), whichever stage wrote it last."""

import pytest

from course.kernel import KERNEL_NAME
from course.notebook_server import SERVER_STAGE_ENV, SERVER_URL_ENV
from course.site.execute import keep_course_notebook
from course.stages import ROOT
from course.testing import execute_notebook

NOTEBOOKS = ROOT / "notebooks"

# On the site's worker, before it: the site reuses what these execute (course.site.execute).
pytestmark = pytest.mark.xdist_group("site")


@pytest.mark.parametrize("kernel", ["python3", KERNEL_NAME])
def test_start_here_runs(kernel):
    path = NOTEBOOKS / "00_start_here.ipynb"
    nb = execute_notebook(path, cwd=NOTEBOOKS, kernel_name=kernel)
    if kernel == nb.metadata.kernelspec.name:  # the kernel the site runs it in
        keep_course_notebook(path, nb)


def test_project_viewsets_runs(monkeypatch):
    """Lesson 06's API as APIView, generics and a ViewSet (``notebooks/viewsets/``), each step run
    against lesson 06's contract on a live server of a copy of lesson 06 that the notebook makes."""
    monkeypatch.delenv(SERVER_URL_ENV, raising=False)
    monkeypatch.delenv(SERVER_STAGE_ENV, raising=False)
    path = NOTEBOOKS / "project_viewsets.ipynb"
    keep_course_notebook(path, execute_notebook(path, cwd=NOTEBOOKS, timeout=300))
