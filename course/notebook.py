"""What every notebook's first cell needs: Django set up for its stage, and that stage's live server.

The first cell of each notebook is::

    from course.notebook import setup, live_server, show
    stage = setup()           # the Stage; in a plain python3 kernel it also sets Django up
    server = live_server()    # the stage's running server (course lab's, or yours), or a new one

``setup()`` finds the stage from the kernel's working folder (the notebook's folder), or takes a
name: ``setup("project")``. ``live_server()`` prints which server it uses, and why.
"""

from __future__ import annotations

import atexit
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

from .errors import CourseError
from .http import RawConnection, format_exchange, send_raw, show
from .kernel import find_stage_dir
from .processes import HOST, answers
from .server import LiveServer
from .stages import DEV_ENV, Stage, prepare, resolve

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

# Set by `python -m course lab` for the Jupyter server, so the kernels it starts reuse its server.
SERVER_URL_ENV = "COURSE_SERVER_URL"
SERVER_STAGE_ENV = "COURSE_SERVER_STAGE"
# The file lab keeps its server's console in, so that `server.log()` shows its last lines.
SERVER_LOG_ENV = "COURSE_SERVER_LOG"
SERVER_LOG = "server.log"  # in the stage folder (git-ignored, left out of copies)
# A learner's own server: `python manage.py runserver` listens on 8000 unless told otherwise; another
# port can be named with live_server(port=...) or this environment variable.
LEARNER_PORT = 8000
PORT_ENV = "COURSE_SERVER_PORT"

_stage: Stage | None = None
_servers: dict[Path, LiveServer] = {}


def setup(stage: str | os.PathLike | None = None) -> Stage:
    """Make Django usable in this kernel for ``stage`` (default: the notebook's own stage); return it.

    In the "Django Shell-Plus" kernel Django is already set up for the notebook's stage, so this
    only records the stage. In a plain kernel it puts the stage on ``sys.path``, names its settings
    and calls ``django.setup()``. ``DJANGO_ALLOW_ASYNC_UNSAFE`` is set in this kernel's environment
    only: ipykernel runs cells inside an event loop, where Django would otherwise refuse ORM calls.
    One kernel holds one Django project: asking for another stage is a clear error.
    """
    global _stage
    if stage is not None:
        found = resolve(stage)
    else:
        path = find_stage_dir(Path.cwd().resolve())
        if path is None:
            raise CourseError(
                f"no manage.py in {Path.cwd()} or above it: open the notebook in its "
                'stage folder, or name the stage: setup("01")'
            )
        found = resolve(path)
    running = _django_stage_dir()
    if running is not None and running != found.path:
        raise CourseError(
            f"this kernel already runs Django for {running.name}, not {found.name}: "
            "restart the kernel (Kernel > Restart Kernel) and run this cell first"
        )
    _stage = found
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    for name, value in DEV_ENV.items():
        os.environ.setdefault(name, value)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if str(found.path) not in sys.path:
        sys.path.insert(0, str(found.path))

    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()
    return found


def _django_stage_dir() -> Path | None:
    """The stage folder whose settings this kernel's Django runs, once Django is set up."""
    if "django.apps" not in sys.modules or not sys.modules["django.apps"].apps.ready:
        return None
    from django.conf import settings

    module = sys.modules.get(settings.SETTINGS_MODULE)
    return find_stage_dir(Path(module.__file__).resolve().parent) if module else None


def current_stage() -> Stage:
    if _stage is None:
        raise CourseError("call setup() first: it tells the notebook which stage it is in")
    return _stage


def live_server(
    env: dict[str, str] | None = None, fresh: bool = False, port: int | None = None
) -> LiveServer:
    """The running server of this notebook's stage, and a line that says which one and why.

    In order: the server at ``$COURSE_SERVER_URL`` (``python -m course lab`` sets it for its
    kernels; a learner may set it too); the server on the stage's port, ``port`` when given (or
    ``$COURSE_SERVER_PORT``), else 8000, when it answers and is this stage's (its debug 404 page
    lists this stage's URL names); otherwise a hidden server on a free port, after migrating the
    database (and filling it when it is new). A hidden server stops with the kernel, also when the
    kernel is killed. ``env`` (environment variables for the server) and ``fresh=True`` always
    start a hidden one.
    """
    stage = current_stage()
    if not fresh and not env:
        found = _running_server(stage, port)
        if found is not None:
            server, why = found
            print(f"Using {server.url}: {why}.")
            return server
    prepare(stage)  # migrate (a no-op when up to date); a new database also gets the stage's data
    server = LiveServer(stage.path, env=env, die_with=os.getpid()).start()
    atexit.register(server.stop)
    if not env and not fresh:
        _servers[stage.path] = server
        print(
            f"Using {server.url}: no server of {stage.name} answered on port {_port(port)} (your "
            f"`python manage.py runserver` in {stage.path} would have been used), so this notebook "
            "started one. It stops with the kernel."
        )
    return server


def _port(port: int | None) -> int:
    """The port a learner's own server of the stage is looked for on."""
    if port:
        return port
    named = os.environ.get(PORT_ENV, "")
    return int(named) if named.isdigit() else LEARNER_PORT


def _running_server(stage: Stage, port: int | None) -> tuple[LiveServer, str] | None:
    given = os.environ.get(SERVER_URL_ENV)
    given_stage = os.environ.get(SERVER_STAGE_ENV)
    if port is None and given and given_stage in (None, str(stage.path)) and answers(given + "/"):
        why = "the server `python -m course lab` started" if given_stage else f"${SERVER_URL_ENV}"
        server = _attached(stage, urlsplit(given).port)
        if os.environ.get(SERVER_LOG_ENV):  # lab keeps its console there
            server.log_path = Path(os.environ[SERVER_LOG_ENV])
            why += " (its console: server.log())"
        return server, why
    own = _servers.get(stage.path)
    if port is None and own and own.process and own.process.poll() is None:
        return own, "the server this notebook started before"
    candidate = _port(port)
    if not answers(f"http://{HOST}:{candidate}/"):
        if port:
            raise CourseError(
                f"nothing answers on port {port}: start `python manage.py runserver {port}` in "
                f"{stage.path}, or call live_server() without a port"
            )
        return None
    if _serves_this_stage(f"http://{HOST}:{candidate}") is False:
        if port:
            raise CourseError(f"port {port} answers, but not with {stage.name}'s URLs")
        return None
    return _attached(stage, candidate), (
        f"`python manage.py runserver` of {stage.name} answers on port {candidate}"
    )


def _serves_this_stage(url: str) -> bool | None:
    """Whether the server at ``url`` runs this kernel's URLconf: in development, Django's 404 page
    lists the URL patterns it tried, which must be the ones this stage tries. None when it cannot
    be told (DEBUG off, or a route that answers every path)."""
    import html
    import re
    import urllib.error
    import urllib.request

    from django.urls import Resolver404, resolve

    probe = "/course-which-stage-is-this/"
    try:
        resolve(probe)
        return None
    except Resolver404 as missing:
        tried = missing.args[0].get("tried", []) if missing.args else []
    ours = [
        "".join(str(p.pattern) for p in t)
        + (f"[name='{t[-1].name}']" if getattr(t[-1], "name", None) else "")
        for t in tried
        if t
    ]
    try:
        with urllib.request.urlopen(url + probe, timeout=2) as answer:
            page = answer.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        page = error.read().decode("utf-8", "replace")
    except OSError:
        return None
    listed = re.search(r"<ol>(.*?)</ol>", page, flags=re.S)
    if not listed:
        return None
    theirs = [
        html.unescape(re.sub(r"<[^>]+>|\s+", "", item))
        for item in re.findall(r"<li>(.*?)</li>", listed.group(1), flags=re.S)
    ]
    return theirs == [re.sub(r"\s+", "", text) for text in ours]


def _attached(stage: Stage, port: int) -> LiveServer:
    """A LiveServer object for a server this kernel did not start (and so never stops)."""
    server = LiveServer(stage.path)
    server.port = port
    return server


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
            path = (current_stage().path if _stage else Path.cwd()) / path
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

    for base in ([current_stage().path] if _stage else []) + [ROOT]:
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
