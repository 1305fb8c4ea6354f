"""Every stage, as a whole: its own tests, its checks, its notebook, its README's change list."""

import pytest

from course import continuity
from course.apps import FAST_HASHER_ENV
from course.run import run_manage
from course.stages import lessons, resolve
from course.testing import copy_stage, run_stage_notebooks

STAGES = [stage.name for stage in lessons()]
# (stage, notebook file name): a lesson in parts has several notebooks, each executed on its own.
NOTEBOOKS = [(stage.name, nb.name) for stage in lessons() for nb in stage.notebooks]


def run(stage_dir, *args, env=None):
    return run_manage(stage_dir, *args, check=False, capture=True, timeout=600, env=env)


@pytest.mark.parametrize("name", STAGES)
def test_stage_own_tests_pass(name, tmp_path):
    """The stage's articles/tests/, run by Django's test runner on a throwaway test database
    (in a copy of the stage, so not even an empty db.sqlite3 appears in the learner's folder).
    Passwords are hashed fast, as Django's docs advise for tests (``course.apps``): lesson 06's
    tests take 1.2 s instead of 6.4 s, and what they prove is the same."""
    proc = run(
        copy_stage(resolve(name), tmp_path, ready=False).path,
        *("test", "--noinput", "-v", "1"),
        env={FAST_HASHER_ENV: "1"},
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Ran " in proc.stderr and " 0 tests" not in proc.stderr, proc.stderr


@pytest.mark.parametrize("name", STAGES)
def test_stage_checks_clean_and_migrations_complete(name, tmp_path):
    stage = copy_stage(resolve(name), tmp_path, ready=False)
    proc = run(stage.path, "check", "--fail-level", "WARNING")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    proc = run(stage.path, "makemigrations", "--check", "--dry-run")
    assert proc.returncode == 0, "a model change has no migration:\n" + proc.stdout + proc.stderr


@pytest.mark.parametrize("name", STAGES)
def test_readme_lists_exactly_what_changed(name):
    """The README's "What changed since the previous stage" must match the real diff."""
    not_listed, not_changed = continuity.check(resolve(name))
    assert not not_listed, f"changed but missing from {name}/README.md: {sorted(not_listed)}"
    assert not not_changed, f"listed in {name}/README.md but unchanged: {sorted(not_changed)}"


@pytest.mark.parametrize("name", STAGES)
def test_stage_has_a_notebook(name):
    assert resolve(name).notebook, f"{name} has no lesson.ipynb"


# On the site's worker, before it: the site reuses what these execute (course.site.execute).
@pytest.mark.xdist_group("site")
@pytest.mark.parametrize(("name", "notebook"), NOTEBOOKS)
def test_notebook_runs_against_live_server(name, notebook, tmp_path):
    """Execute one of the stage's notebooks, top to bottom, against a live server on a fresh database.

    The server is started here and handed to the kernel the way ``course lab`` does it; any cell
    that raises (a checkpoint ``assert`` included) fails the test. The course site runs them the
    same way (``run_stage_notebooks``).
    """
    _, executed, log = run_stage_notebooks(resolve(name), tmp_path, names=[notebook])
    assert notebook in executed
    assert "Traceback" not in log, "the server raised while the notebook ran:\n" + log[-3000:]
