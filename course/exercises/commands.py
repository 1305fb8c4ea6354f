"""The exercise commands of ``python -m course`` on its command line: ``add_commands`` adds them to
``course.cli``'s parser. Their bodies: ``listing`` (exercises, progress), ``verdict`` (check),
``hints`` (hint, solution), ``watch``, ``restart``.
"""

from __future__ import annotations

from .hints import cmd_hint, cmd_solution
from .listing import cmd_exercises, cmd_progress
from .restart import cmd_restart
from .verdict import cmd_check
from .watch import cmd_watch


def add_commands(sub) -> None:
    """Add the exercise commands to ``python -m course``'s subparsers."""
    p = sub.add_parser(
        "exercises",
        help="the exercises: every lesson, or one lesson (makes your copy)",
        description="List the exercises and what is done. With a lesson, make your "
        "copy of it in work/ (first time) and list its exercises; with a number too, "
        "show that exercise's statement.",
    )
    p.add_argument("stage", nargs="?")
    p.add_argument("number", nargs="?")
    p.set_defaults(func=cmd_exercises)

    p = sub.add_parser(
        "check", help="check exercise K of a lesson in your copy: pass, or what is wrong"
    )
    p.add_argument("stage")
    p.add_argument("number")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("hint", help="the next hint of an exercise")
    p.add_argument("stage")
    p.add_argument("number")
    p.add_argument("--all", action="store_true", help="every hint at once")
    p.set_defaults(func=cmd_hint)

    p = sub.add_parser(
        "solution", help="the reference solution of an exercise (a diff): asks first, or --show"
    )
    p.add_argument("stage")
    p.add_argument("number")
    p.add_argument("--show", action="store_true", help="print it without asking first")
    p.add_argument("--apply", action="store_true", help="apply it to your copy in work/")
    p.add_argument("--yes", action="store_true", help="do not ask first")
    p.set_defaults(func=cmd_solution)

    p = sub.add_parser("watch", help="re-check the current exercise on every save (Ctrl-C stops)")
    p.add_argument("stage")
    p.add_argument("number", nargs="?")
    p.set_defaults(func=cmd_watch)

    p = sub.add_parser("progress", help="a table: lesson, exercises done / total")
    p.set_defaults(func=cmd_progress)

    p = sub.add_parser(
        "restart", help="start one exercise (restart 03 2) or your whole copy (restart 03) over"
    )
    p.add_argument("stage")
    p.add_argument("number", nargs="?")
    p.add_argument("--yes", action="store_true", help="do not ask first")
    p.set_defaults(func=cmd_restart)
