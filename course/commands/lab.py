"""``lab``: prepare a stage, start its live server and open its notebooks in Jupyter (in the
learner's language), until Ctrl-C stops both."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from .. import client as clients
from .. import forwarding, jupyter_url, solved
from ..errors import CourseError
from ..exercises.workspace import lab_stage
from ..i18n import SOURCE_LANGUAGE, render
from ..i18n import choice as language
from ..notebook_server import SERVER_LOG, SERVER_LOG_ENV, SERVER_STAGE_ENV, SERVER_URL_ENV
from ..processes import Terminated, port_busy, stop_process, syntax_error
from ..server import LiveServer
from ..database import prepare
from ..run import dev_env, ensure_env_file
from ..stages import ROOT, resolve
from .guard import require
from .stages import cmd_list

PROJECT_NOTEBOOKS = ("project_viewsets.ipynb", "project_jwt.ipynb", "project_performance.ipynb")
SERVER_PREFIX = "[server] "


def lab_notebooks(stage) -> tuple[list[Path], Path | None]:
    """The notebooks ``lab`` opens, first one first, and Jupyter's root folder (None: the stage's
    own folder, through ``shell_plus``). project/ has none of its own: the course's project
    notebooks in notebooks/, viewsets first."""
    if stage.notebook is not None:
        return stage.notebooks, None
    if stage.name == "project":
        folder = ROOT / "notebooks"
        found = [folder / name for name in PROJECT_NOTEBOOKS if (folder / name).exists()]
        if found:
            return found, folder
    return [], None


def translated_notebooks(notebooks: list[Path], lang: str) -> list[Path]:
    """The notebooks in ``lang``, made from the English and its catalog beside each (``lesson.ko.ipynb``,
    git-ignored) when there is none yet; one there already is the learner's, and is kept."""
    if lang == SOURCE_LANGUAGE:
        return notebooks
    found = []
    for notebook in notebooks:
        target = render.localized_name(notebook, lang)
        if target.exists():
            print(f"Opening your {target.name} (delete it for a fresh one).", flush=True)
        else:
            render.write(shipped_document(notebook), lang, target)
            print(f"Made {target.name} from {notebook.name} and its {lang} catalog.", flush=True)
        found.append(target)
    return found


def shipped_document(path: Path) -> Path:
    """The course's own notebook a copy of a stage's came from (``work/03_serializers/lesson.ipynb``
    -> ``lessons/03_serializers/lesson.ipynb``), or ``path`` itself."""
    try:
        return resolve(path.parent.name).path / path.name
    except CourseError:
        return path


def cmd_lab(args) -> int:
    if args.stage is None:
        print("Which stage? The stages:\n")
        cmd_list(args)
        raise CourseError("name a stage, e.g. python -m course lab 01")
    stage = resolve(args.stage)
    if args.solved:
        stage = solved.solved_stage(stage)
    else:
        stage = lab_stage(stage, pristine=args.pristine)
    forwarding.use_when_asked()  # a forwarded URL (Codespaces): its host and origin allowed
    require("django", "django_extensions", "jupyterlab" if not args.notebook else "notebook")
    notebooks, jupyter_root = lab_notebooks(stage)
    if not notebooks:
        raise CourseError(f"{stage.name} has no notebook")
    notebooks = translated_notebooks(notebooks, language.current())
    if args.port and port_busy(args.port):
        raise CourseError(
            f"port {args.port} is busy: stop what uses it, or choose another with --port"
        )
    if error := syntax_error(stage.path):
        raise CourseError(f"{stage.name} does not run: {error}")
    if written := ensure_env_file(stage):
        print(f"Wrote {written} (development settings, git-ignored).", flush=True)
    print(f"Preparing {stage.name}: migrate, data ...", flush=True)
    routes = prepare(stage, urls=True) or ["/"]
    log_file = stage.path / SERVER_LOG
    # The autoreloader stays (runserver's default): an edit to the copy reaches the server.
    server = LiveServer(
        stage.path,
        port=args.port,
        reload=True,
        echo=SERVER_PREFIX,
        log_file=log_file,
        die_with=os.getpid(),
        probe=routes[0],
    )
    with server:
        print(
            f"\n{stage.title}\n  live server: {server.url}{routes[0]}\n"
            f"  server log:  {log_file} (lines marked {SERVER_PREFIX.strip()}; "
            "in the notebook: server.log())",
            flush=True,
        )
        for later in notebooks[1:]:  # a lesson in parts: the next ones, in Jupyter's file list
            print(f"  next part:   {later.name}", flush=True)
        clients.remember_api(stage, server.url)  # for `course client`: the API the learner runs
        client = clients.start_beside(stage, api=server.url)  # lesson 06 on: its page on :8080
        app = "Jupyter Notebook" if args.notebook else "JupyterLab"
        print(f"Ctrl-C stops {app} and the server.\n", flush=True)
        env = dev_env(
            {
                SERVER_URL_ENV: server.url,
                SERVER_STAGE_ENV: str(stage.path),
                SERVER_LOG_ENV: str(log_file),
            }
        )
        runner = "notebook" if args.notebook else "lab"
        if jupyter_root is None:
            cmd = [sys.executable, "manage.py", "shell_plus", f"--{runner}"]
            if args.no_browser:
                cmd.append("--no-browser")
            # After "--": arguments for Jupyter. It opens the file named there, and answers its own
            # "shut down? (y/n)" question itself, so one Ctrl-C is enough.
            cmd += ["--", notebooks[0].name, "--ServerApp.answer_yes=True"]
        else:  # notebooks outside the stage: plain Jupyter in their folder
            cmd = [sys.executable, "-m", "jupyter", runner, notebooks[0].name]
            cmd += ["--ServerApp.answer_yes=True", f"--ServerApp.root_dir={jupyter_root}"]
            if args.no_browser:
                cmd.append("--no-browser")
        if hasattr(os, "geteuid") and os.geteuid() == 0 and "--allow-root" not in args.jupyter_args:
            cmd.append("--allow-root")  # Jupyter refuses root otherwise (containers, CI)
        cmd += args.jupyter_args
        jupyter = subprocess.Popen(cmd, cwd=jupyter_root or stage.path, env=env)
        threading.Thread(
            target=jupyter_url.print_notebook_url,
            args=(jupyter, notebooks[0], args.notebook, app),
            daemon=True,
        ).start()
        try:
            return jupyter.wait()
        except KeyboardInterrupt as stop:
            # Ctrl-C reached Jupyter too, and it shuts itself down; after a SIGTERM (a closed
            # terminal) only we got it, so Jupyter is asked to stop at once.
            try:
                jupyter.wait(timeout=0 if isinstance(stop, Terminated) else 5)
            except subprocess.TimeoutExpired:
                stop_process(jupyter, timeout=15)
            print(f"\nStopped {app} and the server (its log stays in {log_file}).")
            return 0
        finally:
            if client is not None:
                client.stop()
