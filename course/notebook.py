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

from .errors import CourseError
from .http import RawConnection, format_exchange, send_raw, show
from .kernel import find_stage_dir
from .server import HOST, LiveServer, answers
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

    In order: the server ``python -m course lab`` started (it tells the kernel through the
    environment); the learner's own ``python manage.py runserver`` of this stage, on ``port`` when
    given (or ``$COURSE_SERVER_PORT``), else on 8000, else on any port; otherwise a hidden server
    on a free port, after migrating the database (and filling it when it is new). A hidden server
    stops with the kernel, also when the kernel is killed. ``env`` (environment variables for the
    server) and ``fresh=True`` always start a hidden one.
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
        elsewhere = _runserver_elsewhere(LEARNER_PORT)
        note = f"; port {LEARNER_PORT} is the server of {elsewhere}" if elsewhere else ""
        print(
            f"Using {server.url}: no server of {stage.name} was running (your `python manage.py "
            f"runserver` in {stage.path} would have been used{note}), so this notebook started "
            "one. It stops with the kernel."
        )
    return server


def _running_server(stage: Stage, port: int | None) -> tuple[LiveServer, str] | None:
    shared_url = os.environ.get(SERVER_URL_ENV)
    if port is None and shared_url and os.environ.get(SERVER_STAGE_ENV) == str(stage.path):
        if answers(shared_url + "/"):
            lab_port = int(shared_url.rsplit(":", 1)[1])
            server, why = _attached(stage, lab_port), "the server `python -m course lab` started"
            if os.environ.get(SERVER_LOG_ENV):  # lab keeps its console there
                server.log_path = Path(os.environ[SERVER_LOG_ENV])
                why += " (its console: server.log())"
            return server, why
    own = _servers.get(stage.path)
    if port is None and own and own.process and own.process.poll() is None:
        return own, "the server this notebook started before"
    named = port or (int(os.environ[PORT_ENV]) if os.environ.get(PORT_ENV, "").isdigit() else None)
    mine = {p: pid for p, pid in runserver_ports(stage.path)}
    for candidate in [named] if named else [LEARNER_PORT, *sorted(mine)]:
        if candidate in mine and answers(f"http://{HOST}:{candidate}/"):
            return _attached(stage, candidate), (
                f"`python manage.py runserver` of {stage.name} answers on port {candidate} "
                f"(process {mine[candidate]}, in {stage.path})"
            )
    if named:
        if not answers(f"http://{HOST}:{named}/"):
            raise CourseError(
                f"nothing answers on port {named}: start `python manage.py "
                f"runserver {named}` in {stage.path}, or call live_server() "
                "without a port"
            )
        other = _runserver_elsewhere(named)
        if other is not None:
            raise CourseError(f"port {named} is the server of {other}, not of {stage.path}")
        return _attached(stage, named), f"the port you named, {named}, answers"
    return None


def _attached(stage: Stage, port: int) -> LiveServer:
    """A LiveServer object for a server this kernel did not start (and so never stops)."""
    server = LiveServer(stage.path)
    server.port = port
    return server


def _runserver_processes():
    import psutil

    for proc in psutil.process_iter(["pid", "cmdline", "cwd"]):
        cmdline = proc.info["cmdline"] or []
        if "runserver" in cmdline and any(arg.endswith("manage.py") for arg in cmdline):
            yield proc


def _listening_ports(proc) -> list[int]:
    import psutil

    try:
        return [
            c.laddr.port for c in proc.net_connections(kind="tcp") if c.status == psutil.CONN_LISTEN
        ]
    except (psutil.Error, OSError):
        return []


def runserver_ports(stage_dir: Path) -> list[tuple[int, int]]:
    """``(port, pid)`` of every ``manage.py runserver`` running in ``stage_dir`` (this user's).

    A server is the stage's when the ``manage.py`` it runs is the stage's own: the same stage name
    in another copy of the course does not count. With the auto-reloader, the child listens.
    """
    found, stage_dir = [], Path(stage_dir).resolve()
    for proc in _runserver_processes():
        cwd = proc.info["cwd"]
        scripts = [arg for arg in proc.info["cmdline"] if arg.endswith("manage.py")]
        # `python manage.py runserver` in the folder, or `python lessons/01_x/manage.py runserver`
        if cwd and any((Path(cwd) / script).resolve().parent == stage_dir for script in scripts):
            found += [(port, proc.pid) for port in _listening_ports(proc)]
    return found


def _runserver_elsewhere(port: int) -> str | None:
    for proc in _runserver_processes():
        if proc.info["cwd"] and port in _listening_ports(proc):
            return proc.info["cwd"]
    return None


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
