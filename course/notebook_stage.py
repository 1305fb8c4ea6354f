"""Which stage a notebook's kernel works on, and Django set up for it: ``setup()`` and
``current_stage()``, imported by the notebooks from ``course.notebook``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .errors import CourseError
from .kernel import find_stage_dir
from .run import DEV_ENV
from .stages import Stage, resolve

_stage: Stage | None = None


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
