"""Every notebook of the course is committed without outputs (a learner's saved ones are theirs)."""

import pytest

from course.stages import ROOT, all_stages
from course.testing import committed_outputs

NOTEBOOKS = sorted(
    {
        *(p for s in all_stages() for p in s.path.glob("*.ipynb")),
        *(ROOT / "notebooks").glob("*.ipynb"),
    }
)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_notebook_committed_without_outputs(path):
    problem = committed_outputs(path)
    assert problem is None, problem
