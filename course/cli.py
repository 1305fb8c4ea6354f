"""``python -m course``: list, open, serve, reset, compare and test the course's stages.

Every command is pure Python, so it works the same in PowerShell, cmd, macOS and Linux shells.
A problem the learner can fix is one line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

from . import client as clients
from . import diff as diffs
from . import forwarding
from . import jupyter_url
from . import solved
from .errors import CourseError
from .exercises import commands as exercise_commands
from .grading import commands as grading_commands
from .i18n import LANGUAGES, SOURCE_LANGUAGE, render
from .i18n import choice as language
from .notebook import SERVER_LOG, SERVER_LOG_ENV, SERVER_STAGE_ENV, SERVER_URL_ENV
from .server import HOST, LiveServer, port_busy, stop_process, syntax_error
from .stages import ROOT, all_stages, delete_db, dev_env, ensure_env_file, prepare, resolve

INSTALL_HINT = (
    "activate the course's virtual environment (macOS/Linux: source .venv/bin/activate, "
    "Windows: .venv\\Scripts\\activate), or install: python -m pip install -r requirements.txt (tests: requirements-dev.txt)"
)
SOLVED_HELP = "for instructors: a fresh copy with every exercise's solution applied (work/solved/)"
# What the test suite imports before it runs a single test: checked first, so a missing package is
# one line, not pytest's page of import errors.
TEST_DEPENDENCIES = ("pytest", "django", "rest_framework", "requests", "nbformat", "nbclient")


def confirm(question: str, refusal: str, yes: bool) -> bool:
    """Ask before deleting a learner's data. ``--yes`` skips the question; with no terminal to
    ask on (a script, CI) the command refuses with one line (``refusal``) instead of guessing."""
    if yes:
        return True
    if not sys.stdin or not sys.stdin.isatty():
        raise CourseError(refusal)
    return input(f"{question} [y/N] ").strip().lower() in ("y", "yes")


def require(*modules: str) -> None:
    """Fail with one line when a package the command needs is not installed."""
    for module in modules:
        if importlib.util.find_spec(module) is None:
            raise CourseError(f"missing dependency {module!r}: {INSTALL_HINT}")


# ----------------------------------------------------------------------------------------------
# Commands


def cmd_list(args) -> int:
    stages = all_stages()
    if not stages:
        print("no stages yet")
        return 0
    width = max(len(s.name) for s in stages)
    for stage in stages:
        if stage.db.exists():
            db = f"database: yes ({stage.db.stat().st_size // 1024} KB)"
        else:
            db = "database: not yet"
        print(f"{stage.name:<{width}}  {stage.title}  [{db}]")
    return 0


PROJECT_NOTEBOOKS = ("project_viewsets.ipynb", "project_jwt.ipynb", "project_performance.ipynb")
SERVER_PREFIX = "[server] "
PRISTINE_HELP = "the shipped stage, not your exercise copy in work/"


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
        stage = exercise_commands.lab_stage(stage, pristine=args.pristine)
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
        except KeyboardInterrupt:
            # Ctrl-C reached Jupyter too, and it shuts itself down; after a SIGTERM (a closed
            # terminal) only we got it, so Jupyter is asked to stop.
            try:
                jupyter.wait(timeout=5)
            except subprocess.TimeoutExpired:
                stop_process(jupyter, timeout=15)
            print(f"\nStopped {app} and the server (its log stays in {log_file}).")
            return 0
        finally:
            if client is not None:
                client.stop()


def cmd_serve(args) -> int:
    require("django")
    if args.solved:
        stage = solved.solved_stage(resolve(args.stage))
    else:
        stage = exercise_commands.lab_stage(resolve(args.stage), args.pristine, "serve")
    forwarding.use_when_asked()  # a forwarded URL (Codespaces): its host and origin allowed
    if port_busy(args.port):
        raise CourseError(
            f"port {args.port} is busy: stop what uses it, or choose another with --port"
        )
    if written := ensure_env_file(stage):
        print(f"Wrote {written} (development settings, git-ignored).", flush=True)
    fresh = not args.keep
    if fresh and stage.db.exists():
        fresh = confirm(
            f"serve starts {stage.name} on a fresh database: delete {stage.db} and rebuild it?"
            " (no: serve it as it is)",
            f"serve would replace {stage.db} with a fresh one: add --yes to confirm, "
            "or --keep to serve it as it is",
            args.yes,
        )
    print(f"{'Rebuilding' if fresh else 'Keeping'} the database of {stage.name} ...", flush=True)
    urls = prepare(stage, fresh=fresh, urls=True)
    base = f"http://{HOST}:{args.port}"
    print(f"\n{stage.title}: {base}/\nWorth trying:")
    for url in urls:
        print(f"  {base}{url}")
    client = clients.start_beside(stage, api=base)  # lesson 06 on: its page on :8080
    print("Ctrl-C stops the server.\n", flush=True)
    try:
        return subprocess.call(
            # Checks ran while preparing (migrate); the reloader stays, for live edits in class.
            [sys.executable, "manage.py", "runserver", f"{HOST}:{args.port}", "--skip-checks"],
            cwd=stage.path,
            env=dev_env(),
        )
    except KeyboardInterrupt:
        return 0
    finally:
        if client is not None:
            client.stop()


def cmd_client(args) -> int:
    stage = exercise_commands.lab_stage(resolve(args.stage), args.pristine, "client")
    folder = clients.client_dir(stage)
    if folder is None:
        raise CourseError(f"{stage.name} has no browser client (no client/index.html)")
    api, where = args.api, "the API you named"
    if api is None:
        api = clients.running_api(stage)
        where = f"the server of `python -m course lab {args.stage}`"
    if api is None:
        api = clients.DEFAULT_API
        where = f"start it with: python -m course lab {args.stage}, or name it with --api"
    with clients.ClientServer(folder, port=args.port, verbose=True) as client:
        print(
            f"{stage.title}: browser client on {client.url}/ (the origin the browser sees)\n"
            f"  open: {clients.page_url(client.port, api)}\n"
            f"  API:  {api} ({where})\n"
            "Ctrl-C stops it.\n",
            flush=True,
        )
        if client.port != clients.CLIENT_PORT:
            # Making the API allow this origin is an exercise of the lesson: no answer here.
            print(
                f"{client.url} is not an origin the API allows out of the box, so the browser "
                "will block its calls: see the lesson's README, Exercises.",
                flush=True,
            )
        try:
            threading.Event().wait()  # the files are served from another thread until Ctrl-C
        except KeyboardInterrupt:
            print("\nStopped the client.")
    return 0


def cmd_reset(args) -> int:
    stage = exercise_commands.lab_stage(resolve(args.stage), args.pristine, "reset")
    require("django")
    if not confirm(
        f"Delete {stage.db} and rebuild it?",
        f"reset deletes {stage.db}: add --yes to confirm",
        args.yes,
    ):
        print("Nothing changed.")
        return 0
    delete_db(stage)
    prepare(stage)
    print(f"Rebuilt {stage.db}")
    return 0


def cmd_diff(args) -> int:
    a, b = resolve(args.a), resolve(args.b)
    if args.stat:
        sys.stdout.write(diffs.stat(diffs.changes(a.path, b.path, notebooks=args.notebooks)))
    else:
        sys.stdout.writelines(diffs.unified(a.path, b.path, notebooks=args.notebooks))
    return 0


def cmd_site(args) -> int:
    from . import site

    out = args.out or site.BUILD
    if args.serve_only:
        index = out / "html" / "index.html"
        if not index.exists():
            raise CourseError(f"no site in {out}: build it first with: python -m course site")
    else:
        index = site.build(out, jobs=args.jobs, execute=not args.no_execute)
        print(index)
    if args.serve or args.serve_only:
        site.serve(index.parent, port=args.port)
    return 0


def test_workers(extra: list[str]) -> list[str]:
    """pytest-xdist's arguments for ``course test``: one worker per core (at most 4), asked to keep
    the tests of one stage's live server on one worker (``--dist loadgroup``, tests/conftest.py).
    None when the caller chose (``-n``, ``-p no:xdist``), only collects, or xdist is missing."""
    chosen = {"--numprocesses", "--dist", "--collect-only", "--co", "--pdb", "no:xdist"}
    if any(arg.split("=")[0] in chosen or arg.startswith("-n") for arg in extra):
        return []
    if importlib.util.find_spec("xdist") is None:
        return []
    return ["-n", str(max(1, min(os.cpu_count() or 1, 4))), "--dist", "loadgroup"]


def cmd_test(args) -> int:
    require(*TEST_DEPENDENCIES)
    extra = list(args.pytest_args)
    cmd = [sys.executable, "-m", "pytest"]
    # The first word, when it is not an option, names the stage: `test 03 -x`, `test -x`.
    if extra and not extra[0].startswith("-"):
        cmd += ["-k", resolve(extra.pop(0)).name]
    return subprocess.call(cmd + test_workers(extra) + extra, cwd=ROOT)


# ----------------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m course",
        description="Run the stages of the Django REST course. A stage is 01, 1, 01_http_uri or project.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("list", help="the stages, their titles, whether each has a database yet")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser(
        "lab",
        help="open a stage's notebook in JupyterLab, with its live server",
        description="Migrate the stage and load its data, start its server, and open its notebook "
        "in JupyterLab (a Django kernel, through manage.py shell_plus --lab). Arguments after "
        "-- go to Jupyter, e.g. `lab 01 -- --port=8890`.",
    )
    p.add_argument("stage", nargs="?", help="the stage (none: list the stages)")
    p.add_argument("--port", type=int, help="port of the stage's server (default: a free one)")
    p.add_argument("--notebook", action="store_true", help="Notebook 7 instead of JupyterLab")
    p.add_argument("--no-browser", action="store_true", help="print Jupyter's URL, open no browser")
    p.add_argument("--pristine", action="store_true", help=PRISTINE_HELP)
    p.add_argument("--solved", action="store_true", help=SOLVED_HELP)
    p.set_defaults(func=cmd_lab, passthrough="jupyter_args")

    p = sub.add_parser("serve", help="for instructors: fresh database, data, runserver")
    p.add_argument("stage")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--keep", action="store_true", help="keep the database as it is")
    p.add_argument("--yes", action="store_true", help="replace an existing database without asking")
    p.add_argument("--pristine", action="store_true", help=PRISTINE_HELP)
    p.add_argument("--solved", action="store_true", help=SOLVED_HELP)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("client", help="serve a stage's browser client (lesson 06 on) on port 8080")
    p.add_argument("stage")
    p.add_argument("--port", type=int, default=clients.CLIENT_PORT)
    p.add_argument(
        "--api",
        default=None,
        help=f"the API the page calls (default: the server `lab` runs, else {clients.DEFAULT_API})",
    )
    p.add_argument("--pristine", action="store_true", help=PRISTINE_HELP)
    p.set_defaults(func=cmd_client)

    p = sub.add_parser("reset", help="delete and rebuild a stage's database (only that file)")
    p.add_argument("stage")
    p.add_argument("--yes", action="store_true", help="do not ask first")
    p.add_argument("--pristine", action="store_true", help=PRISTINE_HELP)
    p.set_defaults(func=cmd_reset)

    p = sub.add_parser("diff", help="what stage B changed against stage A (code and configuration)")
    p.add_argument("a")
    p.add_argument("b")
    p.add_argument("--stat", action="store_true", help="one line per file")
    p.add_argument("--notebooks", action="store_true", help="compare the notebook JSON too")
    p.set_defaults(func=cmd_diff)

    p = sub.add_parser(
        "site",
        help="build the course as a static website, every notebook executed; print its index.html",
        description="Execute every notebook against a live server of its stage, render the READMEs, "
        "notebooks, diffs, exercises and glossary with Sphinx, and print the path of index.html.",
    )
    p.add_argument("--serve", action="store_true", help="then serve it on localhost until Ctrl-C")
    p.add_argument("--serve-only", action="store_true", help="serve the last build, build nothing")
    p.add_argument("--port", type=int, default=0, help="port for --serve (default: a free one)")
    p.add_argument("--jobs", type=int, default=2, help="notebooks executed at once (default: 2)")
    p.add_argument(
        "--no-execute",
        action="store_true",
        help="reuse the notebooks the last build executed (when working on the pages)",
    )
    p.add_argument("--out", type=Path, default=None, help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_site)

    p = sub.add_parser(
        "test",
        help="the tests of one stage, or (no stage) of everything",
        description="Run pytest on the course: every test, or one stage's (`test 03`). Further "
        "arguments go to pytest, e.g. `test 03 -x` or `test -k notebook`.",
        usage="python -m course test [STAGE] [PYTEST ARGUMENTS]",
    )
    p.set_defaults(func=cmd_test, passthrough="pytest_args")

    exercise_commands.add_commands(
        sub
    )  # exercises, check, hint, solution, watch, progress, restart
    grading_commands.add_commands(sub)  # grade, submit

    p = sub.add_parser("lang", help="the language the course speaks to you: en or ko (kept)")
    p.add_argument("language", nargs="?", choices=LANGUAGES, help="none: say which it is now")
    p.set_defaults(func=cmd_lang)
    for name in ("lab", "exercises", "check", "hint", "watch", "solution"):
        sub.choices[name].add_argument(
            "--lang", choices=LANGUAGES, help="read it in this language (ko: 한국어); see `lang`"
        )
    return parser


def cmd_lang(args) -> int:
    if args.language:
        language.keep(args.language)
        print(f"The course speaks {args.language} from now on (python -m course lang en: English).")
    else:
        print(language.current())
    return 0


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def utf8_output() -> None:
    """Write UTF-8 whatever the console's code page (cp1252, cp949 on Windows; a redirect to a
    file): a ✓ or a Korean word never becomes a UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


def main(argv: list[str] | None = None) -> int:
    utf8_output()
    parser = build_parser()
    # `lab` hands unknown arguments to Jupyter and `test` to pytest (after an optional "--").
    args, extra = parser.parse_known_args(argv)
    passthrough = getattr(args, "passthrough", None)
    if extra and not passthrough:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if passthrough:
        setattr(args, passthrough, [arg for arg in extra if arg != "--"])
    if getattr(args, "lang", None):  # this command only; `lang ko` keeps a choice
        os.environ[language.ENV] = args.lang
    if hasattr(signal, "SIGTERM") and os.name != "nt":
        # A terminal closed or `kill`: clean up as after Ctrl-C, so no server is left running.
        signal.signal(signal.SIGTERM, _interrupt)
    try:
        code = args.func(args)
        sys.stdout.flush()  # inside the try: a closed pipe is a BrokenPipeError caught below
        return code
    except CourseError as error:
        print(f"course: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `python -m course list | head`: the reader left early, which is fine. Point stdout at
        # devnull so the interpreter's final flush does not raise again (Python's signal docs).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
