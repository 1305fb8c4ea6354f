"""Stay current: the newest Django REST stack on this Python, and the stage tests against it.

    python -m course.latest                          # a throwaway venv, newest releases, the tests
    python -m course.latest --python python3.12      # on another interpreter
    python -m course.latest -- -k 03_serializers -x  # other pytest arguments

Django 5.2 LTS stays the course's default (requirements.txt). This makes a virtual environment in
the system's temporary folder with the given interpreter, installs ``requirements-dev.txt``, then
upgrades the packages in ``CURRENT`` to their newest releases that support that Python (pip
chooses), prints the versions it got and runs the stage tests (each stage's own tests and checks,
project/'s tests) with them. The scheduled workflow ``.github/workflows/latest.yml`` runs it
weekly. Exit code: pytest's.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from .stages import ROOT

# The course's stack, as pip names it: what this command takes to its newest releases.
CURRENT = [
    "Django",
    "djangorestframework",
    "dj-rest-auth[with-social]",
    "django-allauth",
    "djangorestframework-simplejwt",
    "drf-spectacular",
]
DEFAULT_TESTS = ["tests/test_stages.py", "tests/test_project.py", "-k", "not notebook"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m course.latest",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--python", default=sys.executable, help="the interpreter to test on")
    parser.add_argument(
        "--venv", help="the virtual environment's folder (kept; default: temporary)"
    )
    parser.add_argument("pytest_args", nargs="*", help="pytest's arguments (after --)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="course-latest-") as tmp:
        venv = Path(args.venv or Path(tmp) / "venv")
        python = str(venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python"))
        if not Path(python).exists():
            subprocess.run([args.python, "-m", "venv", str(venv)], check=True)
        pip = [python, "-m", "pip", "install", "-q"]
        subprocess.run([*pip, "-r", "requirements-dev.txt"], cwd=ROOT, check=True)
        subprocess.run([*pip, "--upgrade", *CURRENT], cwd=ROOT, check=True)
        names = [name.split("[")[0] for name in CURRENT]
        versions = subprocess.run(
            [
                python,
                "-c",
                "import sys, importlib.metadata as m; import platform; "
                "print('Python', platform.python_version()); "
                "[print(n, m.version(n)) for n in sys.argv[1:]]",
                *names,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        print(versions, flush=True)
        tests = args.pytest_args or DEFAULT_TESTS
        return subprocess.call([python, "-m", "pytest", *tests], cwd=ROOT)


if __name__ == "__main__":
    raise SystemExit(main())
