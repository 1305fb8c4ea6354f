"""What every notebook's first cell needs: Django set up for its stage, and that stage's live server.

The first cell of each notebook is::

    from course.notebook import setup, live_server, show
    stage = setup()           # harmless under shell_plus; in a plain python3 kernel it sets Django up
    server = live_server()    # the stage's server: the one `course lab` started, or a new one

``setup()`` finds the stage from the kernel's working folder (the notebook's folder), or takes a
name: ``setup("project")``.
"""

from __future__ import annotations

import atexit
import os
import sys
from pathlib import Path

from .errors import CourseError
from .http import format_exchange, send_raw, show
from .server import LiveServer, answers
from .stages import DEV_ENV, Stage, prepare, resolve

__all__ = [
    "setup", "live_server", "show", "format_exchange", "send_raw", "current_stage", "show_code",
    "predict",
]

# Set by `python -m course lab` for the Jupyter server, so the kernels it starts reuse its server.
SERVER_URL_ENV = "COURSE_SERVER_URL"
SERVER_STAGE_ENV = "COURSE_SERVER_STAGE"

_stage: Stage | None = None
_servers: dict[Path, LiveServer] = {}


def _find_stage_dir(start: Path) -> Path:
    for folder in [start, *start.parents]:
        if (folder / "manage.py").exists():
            return folder
    raise CourseError(f"no manage.py in {start} or above it: open the notebook in its stage folder")


def setup(stage: str | None = None) -> Path:
    """Make Django usable in this kernel for ``stage`` (default: the notebook's own stage).

    Under ``shell_plus`` Django is already set up, so this only records the stage. In a plain
    kernel it puts the stage on ``sys.path``, names its settings and calls ``django.setup()``.
    ``DJANGO_ALLOW_ASYNC_UNSAFE`` is set in this kernel's environment only: ipykernel runs cells
    inside an event loop, where Django would otherwise refuse ORM calls.
    """
    global _stage
    path = resolve(stage).path if stage else _find_stage_dir(Path.cwd().resolve())
    _stage = Stage(path.name, path)
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    for name, value in DEV_ENV.items():
        os.environ.setdefault(name, value)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()
    return path


def current_stage() -> Stage:
    if _stage is None:
        raise CourseError("call setup() first: it tells the notebook which stage it is in")
    return _stage


def live_server(env: dict[str, str] | None = None, fresh: bool = False) -> LiveServer:
    """The running server of this notebook's stage.

    Reuses the server that ``python -m course lab`` started (it tells us through the environment);
    otherwise starts one on a free port, after migrating the database (and filling it when it is
    new), and stops it
    when the kernel ends. ``env`` adds environment variables to a server started here;
    ``fresh=True`` always starts a new one.
    """
    stage = current_stage()
    shared_url = os.environ.get(SERVER_URL_ENV)
    shared_stage = os.environ.get(SERVER_STAGE_ENV)
    if not fresh and not env and shared_url and shared_stage == str(stage.path):
        if answers(shared_url + "/"):
            server = LiveServer(stage.path)
            server.port = int(shared_url.rsplit(":", 1)[1])
            return server
    if not fresh and not env and stage.path in _servers:
        server = _servers[stage.path]
        if server.process and server.process.poll() is None:
            return server
    prepare(stage)  # migrate (a no-op when up to date); a new database also gets the stage's data
    server = LiveServer(stage.path, env=env).start()
    atexit.register(server.stop)
    if not env:
        _servers[stage.path] = server
    return server


def show_code(target, start: str | None = None, end: str | None = None):
    """Display the stage's real code, never a copy: a file, a named part of it, or an object.

    ``show_code("articles/views.py")`` shows the whole file (path relative to the stage);
    ``show_code("config/settings.py", start="INSTALLED_APPS", end="]")`` shows the lines from the
    first one containing ``start`` to the next one containing ``end``; ``show_code(ArticleSerializer)``
    shows that class's source (via ``inspect``). Returns the text it shows.
    """
    import inspect

    if isinstance(target, (str, os.PathLike)):
        path = Path(target)
        if not path.is_absolute():
            path = (current_stage().path if _stage else Path.cwd()) / path
        text = path.read_text(encoding="utf-8")
        label = str(Path(target).as_posix())
        if start is not None:
            lines = text.splitlines()
            first = next((i for i, line in enumerate(lines) if start in line), None)
            if first is None:
                raise CourseError(f"{start!r} is not in {label}")
            last = len(lines) - 1
            if end is not None:
                last = next((i for i in range(first + 1, len(lines)) if end in lines[i]), last)
            text = "\n".join(lines[first : last + 1]) + "\n"
            label += f" (lines {first + 1}-{last + 1})"
    else:
        target = _original_function(target)
        text = inspect.getsource(target)
        label = f"{inspect.getsourcefile(target)}"
        try:
            label = str(Path(label).resolve().relative_to(current_stage().path).as_posix())
        except (ValueError, CourseError):
            pass
    try:
        from IPython.display import Code, display

        print(f"# {label}")
        display(Code(text, language="python" if not label.endswith((".html", ".json")) else None))
    except ImportError:
        print(f"# {label}\n{text}")
    return text


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
        print(f"No prediction written. {what[:1].upper() + what[1:]}: {actual!r}\n"
              "(Fill in the cell above, then run both cells again.)")
        return None
    right = norm(prediction) == norm(actual)
    if right:
        print(f"Right: {what} is {actual!r}, as you predicted.")
    else:
        print(f"Not quite: you predicted {prediction!r}, but {what} is {actual!r}. "
              "Why? The cells above explain it.")
    return right
