"""Checked exercises: a learner changes a copy of a stage, and the course says whether it is right.

``exercises/README.md`` (at the repository root) describes the format of an exercise and the check
API; ``python -m course exercises`` lists them. The modules:

- ``catalog``: the exercises the course ships (``exercises/<stage>/<K>_<slug>/``);
- ``workspace``: the learner's copies (``work/<stage>/``) and their answers files; which folder
  ``lab`` and ``serve`` act on (``lab_stage``); ``progress``: ``work/progress.json``;
- ``patching``: a solution.patch applied to a folder (``apply_patch``);
- ``checking``: ``Check`` (the ``c`` of ``check(c)``) and ``run_check``; ``Check`` is made of
  ``check_copy`` (the prepared copy and its live server), ``expectations`` (what is wrong, in the
  learner's terms) and ``stage_tests`` (Django tests in the copy; ``run_stage_tests``);
- ``runner``: what runs inside a copy (prepare it, its tests, a snippet of ORM code);
- ``solve``: ``solve_all(stage, copy)``, every solution of a lesson applied in order to one copy;
- ``workbench``: what ``watch`` keeps between checks (the prepared copy, its server);
- ``commands``: the ``python -m course`` commands on the command line (``add_commands``); their
  bodies: ``listing`` (exercises, progress), ``verdict`` (check), ``hints`` (hint, solution),
  ``watch``, ``restart`` (also what starting over does);
- ``dev``: maintainer helpers (make-patch).
"""

from .catalog import Exercise, all_exercises, exercises_of, find

__all__ = ["Exercise", "all_exercises", "exercises_of", "find", "Check", "run_check"]


def __getattr__(name):
    # Check and run_check import requests and the server helpers: only when asked for.
    if name in ("Check", "run_check"):
        from . import checking

        return getattr(checking, name)
    raise AttributeError(name)
