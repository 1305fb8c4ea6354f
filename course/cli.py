"""``python -m course``: list, open, serve, reset, compare and test the course's stages.

Every command is pure Python, so it works the same in PowerShell, cmd, macOS and Linux shells.
A problem the learner can fix is one line on stderr and exit code 2, never a traceback.
This module parses the command line and calls the command (``course.commands``,
``course.exercises.commands``, ``course.grading.commands``).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from . import client as clients
from .commands import lab, serve, stages, suite
from .errors import CourseError
from .exercises import commands as exercise_commands
from .grading import commands as grading_commands
from .i18n import LANGUAGES
from .i18n import choice as language
from .processes import Terminated

SOLVED_HELP = "for instructors: a fresh copy with every exercise's solution applied (work/solved/)"
PRISTINE_HELP = "the shipped stage, not your exercise copy in work/"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m course",
        description="Run the stages of the Django REST course. A stage is 01, 1, 01_http_uri or project.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("list", help="the stages, their titles, whether each has a database yet")
    p.set_defaults(func=stages.cmd_list)

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
    p.set_defaults(func=lab.cmd_lab, passthrough="jupyter_args")

    p = sub.add_parser("serve", help="for instructors: fresh database, data, runserver")
    p.add_argument("stage")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--keep", action="store_true", help="keep the database as it is")
    p.add_argument("--yes", action="store_true", help="replace an existing database without asking")
    p.add_argument("--pristine", action="store_true", help=PRISTINE_HELP)
    p.add_argument("--solved", action="store_true", help=SOLVED_HELP)
    p.set_defaults(func=serve.cmd_serve)

    p = sub.add_parser("client", help="serve a stage's browser client (lesson 06 on) on port 8080")
    p.add_argument("stage")
    p.add_argument("--port", type=int, default=clients.CLIENT_PORT)
    p.add_argument(
        "--api",
        default=None,
        help=f"the API the page calls (default: the server `lab` runs, else {clients.DEFAULT_API})",
    )
    p.add_argument("--pristine", action="store_true", help=PRISTINE_HELP)
    p.set_defaults(func=serve.cmd_client)

    p = sub.add_parser("reset", help="delete and rebuild a stage's database (only that file)")
    p.add_argument("stage")
    p.add_argument("--yes", action="store_true", help="do not ask first")
    p.add_argument("--pristine", action="store_true", help=PRISTINE_HELP)
    p.set_defaults(func=stages.cmd_reset)

    p = sub.add_parser("diff", help="what stage B changed against stage A (code and configuration)")
    p.add_argument("a")
    p.add_argument("b")
    p.add_argument("--stat", action="store_true", help="one line per file")
    p.add_argument("--notebooks", action="store_true", help="compare the notebook JSON too")
    p.set_defaults(func=stages.cmd_diff)

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
    p.set_defaults(func=suite.cmd_site)

    p = sub.add_parser(
        "test",
        help="the tests of one stage, or (no stage) of everything",
        description="Run pytest on the course: every test, or one stage's (`test 03`). Further "
        "arguments go to pytest, e.g. `test 03 -x` or `test -k notebook`.",
        usage="python -m course test [STAGE] [PYTEST ARGUMENTS]",
    )
    p.set_defaults(func=suite.cmd_test, passthrough="pytest_args")

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
    raise Terminated


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
