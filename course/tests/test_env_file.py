"""`serve` and `lab` give a stage that ships `.env.example` (project/) its `.env` when it has none."""

import subprocess

from course.run import ensure_env_file
from course.stages import PROJECT, ROOT, Stage


def test_env_file_is_written_from_the_example_once(tmp_path):
    (tmp_path / "manage.py").write_text("", encoding="utf-8")
    (tmp_path / ".env.example").write_text("DJANGO_DEBUG=1\n", encoding="utf-8")
    stage = Stage("project", tmp_path)
    assert ensure_env_file(stage) == tmp_path / ".env"
    assert (tmp_path / ".env").read_text(encoding="utf-8") == "DJANGO_DEBUG=1\n"
    (tmp_path / ".env").write_text("DJANGO_DEBUG=0\n", encoding="utf-8")
    assert ensure_env_file(stage) is None  # the learner's own file is never overwritten
    assert (tmp_path / ".env").read_text(encoding="utf-8") == "DJANGO_DEBUG=0\n"


def test_a_stage_without_an_example_gets_no_env_file(tmp_path):
    (tmp_path / "manage.py").write_text("", encoding="utf-8")
    assert ensure_env_file(Stage("01_x", tmp_path)) is None
    assert not (tmp_path / ".env").exists()


def test_project_ships_the_example_and_git_ignores_the_env_file():
    assert "DJANGO_DEBUG=1" in (PROJECT / ".env.example").read_text(encoding="utf-8").splitlines()
    ignored = subprocess.run(["git", "check-ignore", "-q", "project/.env"], cwd=ROOT, timeout=30)
    assert ignored.returncode == 0
