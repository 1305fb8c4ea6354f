"""The "committed without outputs" check reads what git holds, so a learner's Run All and save
never fails `course test`; when git does hold outputs, it says how to fix that."""

import shutil
import subprocess
import sys

import nbformat

from course.stages import resolve
from course.testing import committed_outputs


def git(folder, *args):
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=folder,
        check=True,
        capture_output=True,
        text=True,
    )


def with_outputs(path):
    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "code")
    cell.execution_count = 1
    cell.outputs = [nbformat.v4.new_output("stream", text="http://127.0.0.1:8000\n")]
    nbformat.write(nb, path)


def test_saved_outputs_pass_committed_ones_fail_with_the_fix(tmp_path):
    path = tmp_path / "lesson.ipynb"
    shutil.copyfile(resolve("01").notebook, path)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "lesson.ipynb")
    git(tmp_path, "commit", "-qm", "clean")

    with_outputs(path)  # Run All, then save (or JupyterLab's autosave)
    assert committed_outputs(path) is None

    git(tmp_path, "add", "lesson.ipynb")  # about to commit them
    problem = committed_outputs(path)
    assert problem and "has outputs (cell" in problem and "nbstripout --keep-id" in problem

    fix = problem.split("Strip them and stage the file again: ")[1].split("   ")[0]
    strip, add = fix.split(" && ")
    subprocess.run([sys.executable, *strip.split()[1:]], check=True)  # python -m nbstripout ...
    git(tmp_path, *add.split()[1:])
    assert committed_outputs(path) is None
    assert git(tmp_path, "diff", "--cached", "--stat").stdout == ""  # back to the clean version
