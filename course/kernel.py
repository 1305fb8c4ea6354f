"""The "Django Shell-Plus" kernel, for whichever stage the notebook is in.

django-extensions' ``shell_plus --lab`` writes one kernelspec, ``django_extensions``, that names
the stage it was started from (its folder on ``PYTHONPATH``). Jupyter keeps that file, so a
notebook opened later from another folder (``notebooks/``, another lesson) got the last stage's
Django. The course's ``shell_plus`` writes a spec that names no stage: the kernel loads this IPython
extension, which finds the stage from the kernel's own working folder (Jupyter starts a kernel in
its notebook's folder) and sets Django up for it, with shell_plus' imports. Outside a stage
(``notebooks/``) it stays a plain Python kernel, where a notebook calls ``setup("project")``.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from . import atomic

KERNEL_NAME = "django_extensions"  # the name django-extensions gives it, kept: notebooks name it
DISPLAY_NAME = "Django Shell-Plus"
# Environment the Django kernel gets on top of its own: only the kernel, never the web server.
KERNEL_ENV = {"DJANGO_ALLOW_ASYNC_UNSAFE": "true"}
EXTENSION = "course.kernel"
UPSTREAM_EXTENSION = "django_extensions.management.notebook_extension"


def kernel_argv(base_argv: list[str], ipython_arguments: list[str] = ()) -> list[str]:
    """The base Python kernel's command, loading this extension instead of upstream's."""
    extra = [EXTENSION if arg == UPSTREAM_EXTENSION else arg for arg in ipython_arguments]
    if EXTENSION not in extra:
        extra += ["--ext", EXTENSION]
    return [*base_argv, *extra]


def spec_dict() -> dict:
    """The kernelspec as ``kernel.json`` holds it, for this interpreter."""
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    return {
        "argv": kernel_argv(argv),
        "display_name": DISPLAY_NAME,
        "language": "python",
        "env": dict(KERNEL_ENV),
        "metadata": {"debugger": True},
    }


def install_spec(prefix: str | os.PathLike = sys.prefix) -> Path:
    """Write the spec where ``shell_plus`` writes it (``PREFIX/share/jupyter/kernels/``), so a
    Jupyter that shell_plus did not start (``jupyter lab``, VS Code, the tests) finds it too."""
    path = Path(prefix) / "share" / "jupyter" / "kernels" / KERNEL_NAME / "kernel.json"
    # Whole or not at all, and safe when threads or processes install it at the same moment.
    return atomic.write_text(path, json.dumps(spec_dict(), indent=1))


def find_stage_dir(start: Path) -> Path | None:
    for folder in [start, *start.parents]:
        if (folder / "manage.py").exists():
            return folder
    return None


def load_ipython_extension(ipython) -> None:
    """IPython calls this at kernel start (``--ext course.kernel``)."""
    stage_dir = find_stage_dir(Path.cwd().resolve())
    if stage_dir is None:
        return  # not in a stage: a plain Python kernel
    from .notebook_stage import setup

    setup(str(stage_dir))
    from django_extensions.management.notebook_extension import (
        load_ipython_extension as load_shell_plus_imports,
    )

    load_shell_plus_imports(ipython)
