"""What every notebook's first cell needs: Django set up for its stage, and that stage's live server.

The first cell of each notebook is::

    from course.notebook import setup, live_server, show
    stage = setup()           # the Stage; in a plain python3 kernel it also sets Django up
    server = live_server()    # the stage's running server (course lab's, or yours), or a new one

``setup()`` finds the stage from the kernel's working folder (the notebook's folder), or takes a
name: ``setup("project")``. ``live_server()`` prints which server it uses, and why.

This module is the notebooks' API; the helpers are made in ``notebook_stage`` (``setup``),
``notebook_server`` (``live_server``), ``show_code`` (``show_code``, ``code_of``) and ``http``
(``show``, ``send_raw``); ``predict`` is here.
"""

from __future__ import annotations

from .http import RawConnection, format_exchange, send_raw, show
from .notebook_server import live_server
from .notebook_stage import current_stage, setup
from .show_code import code_of, show_code

__all__ = [
    "setup",
    "live_server",
    "show",
    "format_exchange",
    "send_raw",
    "RawConnection",
    "current_stage",
    "show_code",
    "code_of",
    "predict",
]


def predict(prediction, actual, what: str = "the answer", normalize=None) -> bool | None:
    """A "predict, then check" cell: compare the learner's ``prediction`` with ``actual``.

    ``prediction`` is what the learner wrote in the cell before (``None`` or ``""`` when they wrote
    nothing, as in an unattended run): then the real answer is only shown. A wrong prediction is
    said plainly, never raised: it tests the learner, not the stage. Values are compared as text,
    case and surrounding spaces ignored, unless ``normalize`` maps both first. Returns True/False,
    or None when there was no prediction.
    """
    norm = normalize or (lambda value: str(value).strip().lower())
    if prediction is None or (isinstance(prediction, str) and not prediction.strip()):
        print(
            f"No prediction written. {what[:1].upper() + what[1:]}: {actual!r}\n"
            "(Fill in the cell above, then run both cells again.)"
        )
        return None
    right = norm(prediction) == norm(actual)
    if right:
        print(f"Right: {what} is {actual!r}, as you predicted.")
    else:
        print(
            f"Not quite: you predicted {prediction!r}, but {what} is {actual!r}. "
            "Why? The cells above explain it."
        )
    return right
