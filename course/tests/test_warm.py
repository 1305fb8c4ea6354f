"""watch's waiting processes (``course.warm``): a job given to one sees the learner's latest save,
and one that loaded a file changed since is never used (issue 18, point 17)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

import requests

from course.exercises import find
from course.exercises.checking import run_check
from course.exercises.patching import apply_patch
from course.exercises.workbench import Workbench
from course.exercises.workspace import IGNORE
from course.server import LiveServer
from course.run import dev_env
from course.stages import resolve
from course.warm import WarmProcess

from .conftest import ROOT

ENV = dev_env({"PYTHONUNBUFFERED": "1"})
CODE = ["-m", "course.exercises.runner", "code"]


def stage_copy(tmp_path, name="03"):
    stage = resolve(name)
    copy = tmp_path / stage.name
    shutil.copytree(stage.path, copy, ignore=IGNORE)
    return copy


def run_code(warm: WarmProcess, code: str) -> str:
    out, err = warm.run(CODE, stdin=code).communicate(timeout=60)
    assert warm.process.returncode == 0, err.decode()
    return out.decode().strip().splitlines()[-1]


def test_a_job_sees_a_view_saved_after_the_process_started(tmp_path):
    copy = stage_copy(tmp_path)
    warm = WarmProcess(copy, ENV)
    try:
        assert "articles/views.py" not in warm.loaded()
        views = copy / "articles" / "views.py"
        views.write_text(views.read_text(encoding="utf-8") + "\nSAVED = 'after'\n", "utf-8")
        assert warm.take(), "a view is no file Django loads at set-up"
        assert run_code(warm, "import articles.views\nresult = articles.views.SAVED") == (
            'COURSE-RESULT "after"'
        )
    finally:
        warm.stop()


def test_a_process_that_loaded_a_changed_model_is_not_used(tmp_path):
    copy = stage_copy(tmp_path)
    warm = WarmProcess(copy, ENV)
    assert "articles/models.py" in warm.loaded()  # set up: Django has imported the models
    models = copy / "articles" / "models.py"
    models.write_text(models.read_text(encoding="utf-8") + "\n# saved\n", "utf-8")
    assert not warm.take()
    assert warm.process.poll() is not None, "the unused process is stopped"


def test_a_server_from_a_waiting_process_serves_the_saved_code_and_logs(tmp_path):
    copy = stage_copy(tmp_path, "01")
    warm = WarmProcess(copy, ENV)
    warm.loaded()
    views = copy / "articles" / "views.py"
    saved = "\n\ndef article_list(request):\n    return JsonResponse({'saved': True}, status=418)\n"
    views.write_text(views.read_text(encoding="utf-8") + saved, "utf-8")
    assert warm.take()
    server = LiveServer(copy, warm=warm, probe="/articles/")
    with server:
        response = requests.get(server.url + "/articles/", timeout=10)
        assert response.status_code == 418 and response.json() == {"saved": True}
        assert '"GET /articles/ HTTP/1.1" 418' in server.log_text
        process = server.process
    assert process.poll() is not None
    assert server.log_path is None, "its temporary log is removed"


def test_watch_rechecks_through_waiting_processes_and_sees_the_save(tmp_path, monkeypatch):
    exercise = find("01", "3")
    copy = stage_copy(tmp_path, "01")
    used = []
    take = Workbench.take_warm

    def counting(self):
        warm = take(self)
        used.append(warm is not None)
        return warm

    monkeypatch.setattr(Workbench, "take_warm", counting)
    bench = Workbench(exercise.stage.name)
    try:
        assert not run_check(exercise, copy, bench).passed
        bench.warm_up()
        apply_patch(exercise.patch, copy)  # the learner's save: the answer, in views.py
        used.clear()
        solved = run_check(exercise, copy, bench)
        assert solved.passed, solved.problems
        assert used.count(True) >= 2, used  # the server and the stage's tests
    finally:
        bench.close()
    assert all(warm.process.poll() is not None for warm in bench._warm) and not bench._warm


def test_watch_passes_a_save_moves_on_and_leaves_nothing_when_killed(tmp_path):
    """The command itself: a wrong copy, a save that answers the exercise, the next exercise;
    then watch is killed outright (a closed terminal): its server and waiting processes go too."""
    work = tmp_path / "work"
    exercise = find("01", "3")
    watcher = subprocess.Popen(
        [sys.executable, "-m", "course", "watch", "01", "3"],
        cwd=ROOT,
        text=True,
        encoding="utf-8",
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "COURSE_WORK": str(work), "PYTHONUNBUFFERED": "1"},
        start_new_session=True,  # its own group, to see what is left of it afterwards
    )
    seen = []
    try:
        for line in watcher.stdout:
            seen.append(line)
            if "Waiting for a save" in line:
                if any(line.startswith("Now exercise 01 4") for line in seen):
                    break  # 01 4 checked once: its server runs, the next processes wait
                apply_patch(exercise.patch, work / exercise.stage.name)  # the learner's save
        os.kill(watcher.pid, signal.SIGKILL)
        watcher.communicate(timeout=60)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                os.killpg(watcher.pid, 0)
            except ProcessLookupError:
                break  # nothing of the group is left
            time.sleep(0.2)
        else:
            os.killpg(watcher.pid, signal.SIGKILL)
            raise AssertionError("watch's server or waiting processes outlived it")
    finally:
        if watcher.poll() is None:
            watcher.kill()
    text = "".join(seen)
    assert "NOT YET 01 3" in text and "PASSED  01 3" in text, text
    assert text.index("NOT YET 01 3") < text.index("PASSED  01 3")


def test_a_settings_save_migrates_the_prepared_database_again_not_from_nothing(
    tmp_path, monkeypatch
):
    from course.exercises.checking import Check

    exercise = find("01", "3")
    copy = stage_copy(tmp_path, "01")
    apply_patch(exercise.patch, copy)
    had_rows = []  # for each preparing: was there a database already?
    original = Check._prepare

    def prepare(self):
        had_rows.append((self._copy / "db.sqlite3").exists())
        return original(self)

    monkeypatch.setattr(Check, "_prepare", prepare)
    bench = Workbench(exercise.stage.name)
    try:
        assert run_check(exercise, copy, bench).passed
        settings = copy / "config" / "settings.py"
        settings.write_text(settings.read_text(encoding="utf-8") + "\n# saved\n", "utf-8")
        assert run_check(exercise, copy, bench).passed
        models = copy / "articles" / "models.py"
        models.write_text(models.read_text(encoding="utf-8") + "\n# saved\n", "utf-8")
        assert run_check(exercise, copy, bench).passed
    finally:
        bench.close()
    assert had_rows == [False, True, False], "settings: migrated again; a model: built again"
