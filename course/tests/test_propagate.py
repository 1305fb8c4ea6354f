"""``python -m course.dev propagate``: a fix made in one stage, carried into the later ones as a patch."""

import subprocess

import pytest

from course import propagate
from course.errors import CourseError

from .conftest import course

VIEWS = "def index(request):\n    return 'index'\n\n\ndef detail(request, pk):\n    return pk + 1\n"
FIXED = VIEWS.replace("return pk + 1", "return pk")


def git(root, *args):
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, timeout=60)


@pytest.fixture
def repo(tmp_path):
    """Four stages of one file: 02 and 03 copies of 01, 04 rewritten where the fix goes."""
    for stage, text in [
        ("01", VIEWS),
        ("02", VIEWS),
        ("03", "import os\n\n\n" + VIEWS),
        ("04", VIEWS.replace("pk + 1", "int(pk) + 1")),
    ]:
        (tmp_path / stage).mkdir()
        (tmp_path / stage / "views.py").write_text(text)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "stages")
    return tmp_path


def test_a_fix_goes_where_it_applies_and_is_reported_where_not(repo):
    (repo / "01" / "views.py").write_text(FIXED)
    patch = propagate.change_of(repo, "01", "views.py")
    outcomes = propagate.apply(repo, patch, ["02", "03", "04"], "views.py")
    assert [(o.stage, o.status) for o in outcomes] == [
        ("02", "applied"),
        ("03", "applied"),
        ("04", "does not apply"),
    ]
    assert (repo / "02" / "views.py").read_text() == FIXED
    assert (repo / "03" / "views.py").read_text() == "import os\n\n\n" + FIXED  # the rest kept
    assert "int(pk) + 1" in (repo / "04" / "views.py").read_text(), "left as it was"
    again = propagate.apply(repo, patch, ["02"], "views.py")
    assert again[0].status == "already there"


def test_dry_run_changes_nothing(repo):
    (repo / "01" / "views.py").write_text(FIXED)
    patch = propagate.change_of(repo, "01", "views.py")
    assert propagate.apply(repo, patch, ["02"], "views.py", dry_run=True)[0].status == "applied"
    assert (repo / "02" / "views.py").read_text() == VIEWS


def test_a_committed_fix_is_found_with_since(repo):
    (repo / "01" / "views.py").write_text(FIXED)
    git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "fix")
    with pytest.raises(CourseError, match="nothing to carry"):
        propagate.change_of(repo, "01", "views.py")
    patch = propagate.change_of(repo, "01", "views.py", since="HEAD~1")
    assert propagate.apply(repo, patch, ["02"], "views.py")[0].status == "applied"


def test_the_command_is_one_line_when_it_cannot_carry_anything():
    proc = course("propagate", "06", "articles/views.py", module="course.dev")
    assert proc.returncode == 2 and "no lesson comes after" in proc.stderr
    proc = course("propagate", "03", "no/such/file.py", "--dry-run", module="course.dev")
    assert proc.returncode == 2 and "nothing to carry" in proc.stderr
    assert "Traceback" not in proc.stderr
