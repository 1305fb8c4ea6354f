"""``show_code()`` and ``code_of()``: a notebook shows the stage's real code, a file, a named part of
it or an object, never a copy. The notebooks import them from ``course.notebook``.
"""

from __future__ import annotations

import os
from pathlib import Path

from . import notebook_stage
from .errors import CourseError
from .notebook_stage import current_stage


def show_code(target, start: str | None = None, end: str | None = None):
    """Display the stage's real code, never a copy: a file, a named part of it, or an object.

    ``show_code("articles/views.py")`` shows the whole file (path relative to the stage);
    ``show_code("config/settings.py", start="INSTALLED_APPS", end="]")`` shows the lines from the
    one containing ``start`` to the next one containing ``end``; ``show_code(ArticleSerializer)``
    shows that class's source (via ``inspect``), the surest way to show one view or class.
    Returns the text it shows.

    ``start`` must name one line of code: a ``start`` found on several lines, or only inside
    comments, is refused with a CourseError (see ``_find_start``), so a cell never shows the wrong
    part of a file without saying so.
    """
    import inspect

    if isinstance(target, (str, os.PathLike)):
        path = Path(target)
        if not path.is_absolute():
            path = (current_stage().path if notebook_stage._stage else Path.cwd()) / path
        text = path.read_text(encoding="utf-8")
        label = _label(path) if Path(target).is_absolute() else Path(target).as_posix()
        if start is not None:
            lines = text.splitlines()
            first = _find_start(lines, start, label)
            last = len(lines) - 1
            if end is not None:
                last = next((i for i in range(first + 1, len(lines)) if end in lines[i]), last)
            text = "\n".join(lines[first : last + 1]) + "\n"
            label += f" (lines {first + 1}-{last + 1})"
    else:
        target = _original_function(target)
        text = code_of(target)
        label = f"{inspect.getsourcefile(target)}"
        try:
            label = str(Path(label).resolve().relative_to(current_stage().path).as_posix())
        except (ValueError, CourseError):
            module = inspect.getmodule(
                target
            )  # a library's code: named by its module, not its path
            if module is not None and module.__name__ != "__main__":
                label = module.__name__.replace(".", "/") + ".py"
    try:
        from IPython.display import Code, display

        print(f"# {label}")
        display(Code(text, language="python" if not label.endswith((".html", ".json")) else None))
    except ImportError:
        print(f"# {label}\n{text}")
    return text


def _label(path: Path) -> str:
    """An absolute path as a reader knows it: from the stage's folder, else from the course's root."""
    from .stages import ROOT

    for base in ([current_stage().path] if notebook_stage._stage else []) + [ROOT]:
        try:
            return path.resolve().relative_to(base).as_posix()
        except ValueError:
            continue
    return path.as_posix()


# What starts a comment, by file type: a ``start`` found only after one of these is in a comment.
COMMENT_MARKERS = {".py": "#", ".js": "//", ".html": "<!--", ".txt": "#", ".toml": "#", ".cfg": "#"}


def _find_start(lines: list[str], start: str, label: str) -> int:
    """The index of the one line of code that contains ``start``.

    Matches inside a comment do not count, unless ``start`` itself is a comment (``"# CORS ("``
    asks for a comment heading on purpose). Refused with a clear message: no match, matches only
    in comments, or more than one match (ambiguous: a longer ``start``, or the object itself, says
    which one).
    """
    marker = COMMENT_MARKERS.get(Path(label).suffix)
    wants_comment = bool(marker) and start.lstrip().startswith(marker)
    found, in_comments = [], []
    for index, line in enumerate(lines):
        position = line.find(start)
        if position < 0:
            continue
        if marker and not wants_comment and marker in line[:position]:
            in_comments.append(index)
        else:
            found.append(index)
    if len(found) == 1:
        return found[0]
    if not found and in_comments:
        numbers = ", ".join(str(i + 1) for i in in_comments)
        raise CourseError(
            f"{start!r} is only in a comment in {label} (line {numbers}): name a line "
            "of code, or start with the comment marker to show the comment itself"
        )
    if not found:
        raise CourseError(f"{start!r} is not in {label}")
    numbers = ", ".join(str(i + 1) for i in found)
    raise CourseError(
        f"{start!r} is ambiguous in {label}: it is on lines {numbers}; give a longer "
        "start that only one line has, or show the object (show_code(views.name))"
    )


def code_of(target) -> str:
    """The source of a class or function, as ``show_code(target)`` shows it, without showing it:
    for a decorated view, the function that was written, not the wrapper around it."""
    import inspect

    return inspect.getsource(_original_function(target))


def _original_function(view):
    """The function a learner wrote, behind the wrappers decorators put around it.

    ``@csrf_exempt``/``@require_safe`` keep it in ``__wrapped__``; DRF's ``@api_view`` turns it
    into a class whose method handlers call it, so it sits in a handler's closure.
    """
    import inspect

    view = inspect.unwrap(view)
    cls = getattr(view, "cls", None)
    for method in ("get", "post", "put", "patch", "delete"):
        handler = getattr(cls, method, None) if cls else None
        for cell in getattr(handler, "__closure__", None) or ():
            if inspect.isfunction(cell.cell_contents):
                return cell.cell_contents
    return view
