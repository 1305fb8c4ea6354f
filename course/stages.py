"""Where the stages are, what they are called, and how to get one ready to run.

A stage is a folder with a ``manage.py``: ``lessons/NN_name/`` or ``project/``. It is named on the
command line as ``01``, ``1``, ``01_http_uri`` or ``project``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from . import atomic
from .errors import CourseError

ROOT = Path(__file__).resolve().parent.parent
LESSONS = ROOT / "lessons"
PROJECT = ROOT / "project"
NOTEBOOK = "lesson.ipynb"  # every lesson's (first) notebook has this name, beside its manage.py
MORE_NOTEBOOKS = "lesson_*.ipynb"  # a long lesson's later parts: lesson_2_auth.ipynb, ...
DB_NAME = "db.sqlite3"
SEED_COMMAND = Path(__file__).resolve().parent / "management" / "commands" / "seed.py"
PREPARE = Path(__file__).resolve().parent / "prepare.py"
# The course runs every stage in development mode. Lessons ignore this; project/ reads its settings
# from the environment and refuses to start without DEBUG or a real SECRET_KEY.
DEV_ENV = {"DJANGO_DEBUG": "1"}


def ensure_env_file(stage: Stage) -> Path | None:
    """Write the stage's git-ignored ``.env`` from its ``.env.example`` (project/ has one) when it
    has none, so that ``python manage.py runserver`` by hand starts in development mode too.
    Returns the file written, or None."""
    example, target = stage.path / ".env.example", stage.path / ".env"
    if not example.exists() or target.exists():
        return None
    return atomic.copy_file(example, target)  # two commands starting at once: one whole file


def dev_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment the course starts a stage's processes with: development defaults, then the
    learner's own environment, then ``extra``. Python writes UTF-8 in them whatever the console's
    code page (the course reads their output as UTF-8)."""
    return {**DEV_ENV, **os.environ, "PYTHONIOENCODING": "utf-8", **(extra or {})}


def is_translation(path: Path) -> bool:
    """``lesson.ko.ipynb``, ``README.ko.md``: a translation made from the course's own file (git
    ignores it), never one of the course's documents itself."""
    return len(path.suffixes) > 1


@dataclass(frozen=True)
class Stage:
    name: str  # folder name: "01_http_uri", or "project"
    path: Path

    @property
    def number(self) -> int | None:
        match = re.match(r"(\d+)_", self.name)
        return int(match.group(1)) if match else None

    @property
    def title(self) -> str:
        """The first heading of the stage's README, without its leading '#'."""
        readme = self.path / "README.md"
        if readme.exists():
            for line in readme.read_text(encoding="utf-8").splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
        return self.name

    @property
    def notebook(self) -> Path | None:
        """The stage's first notebook: the one ``course lab`` opens."""
        nb = self.path / NOTEBOOK
        return nb if nb.exists() else None

    @property
    def notebooks(self) -> list[Path]:
        """All the stage's notebooks, in reading order: lesson.ipynb, then lesson_2_*.ipynb, ..."""
        first = [self.notebook] if self.notebook else []
        return first + sorted(p for p in self.path.glob(MORE_NOTEBOOKS) if not is_translation(p))

    @property
    def db(self) -> Path:
        return self.path / DB_NAME

    def __str__(self) -> str:
        return self.name

    # Where a path is expected, a stage is its folder: `stage / "manage.py"`, `cwd=stage`.
    def __fspath__(self) -> str:
        return str(self.path)

    def __truediv__(self, other) -> Path:
        return self.path / other


def run_python(
    where: Stage | os.PathLike | str,
    *args: str,
    check: bool = True,
    capture: bool = False,
    env: dict[str, str] | None = None,
    stdin: str | None = None,
    timeout: float | None = None,
) -> subprocess.CompletedProcess:
    """``python ARGS`` in a stage folder (a ``Stage`` or a path), with this interpreter and the
    course's environment (``dev_env`` plus ``env``): the one way the course starts a process in a
    stage. With ``check`` a failure becomes a one-line ``CourseError``; ``capture`` keeps stdout
    and stderr as text; ``stdin`` is written to the process's standard input."""
    path = Path(getattr(where, "path", where))
    proc = subprocess.run(
        [sys.executable, *args],
        cwd=path,
        env=dev_env(env),
        text=True,
        encoding="utf-8",
        capture_output=capture,
        input=stdin,
        timeout=timeout,
    )
    if check and proc.returncode != 0:
        detail = (proc.stderr or proc.stdout or "").strip().splitlines()
        last = detail[-1] if detail else f"exit code {proc.returncode}"
        raise CourseError(f"`python {' '.join(args)}` failed in {path.name}: {last}")
    return proc


def run_manage(
    where: Stage | os.PathLike | str, *args: str, **options
) -> subprocess.CompletedProcess:
    """``python manage.py ARGS`` in a stage folder; the options of :func:`run_python`."""
    return run_python(where, "manage.py", *args, **options)


class StageJobError(CourseError):
    """A job in a stage (``run_in_stage``) failed; the message is its one line."""


def run_in_stage(
    where: Stage | os.PathLike | str,
    module: str,
    *args: str,
    stdin: str | None = None,
    timeout: float | None = None,
    env: dict[str, str] | None = None,
):
    """Run a ``course.in_stage`` job, ``python -m MODULE ARGS``, in a stage folder: the value it
    answered (JSON). Its failure raises ``StageJobError`` with the job's one line
    (``COURSE-ERROR ...``), or the last line the process wrote."""
    from .in_stage import ERROR, RESULT

    proc = run_python(
        where, "-m", module, *args, check=False, capture=True, env=env, stdin=stdin, timeout=timeout
    )
    errors = [line for line in proc.stderr.splitlines() if line.startswith(ERROR)]
    results = [line for line in proc.stdout.splitlines() if line.startswith(RESULT)]
    if proc.returncode != 0 or not results:
        if errors:
            raise StageJobError(errors[-1][len(ERROR) :])
        tail = (proc.stderr or proc.stdout).strip().splitlines()
        raise StageJobError(tail[-1] if tail else f"{module} exited with {proc.returncode}")
    return json.loads(results[-1][len(RESULT) :])


def lessons() -> list[Stage]:
    """The lesson stages, in order."""
    if not LESSONS.is_dir():
        return []
    found = [
        Stage(p.name, p)
        for p in LESSONS.iterdir()
        if p.is_dir() and re.match(r"\d\d_", p.name) and (p / "manage.py").exists()
    ]
    return sorted(found, key=lambda s: s.name)


def all_stages() -> list[Stage]:
    """The lessons, then project/ when it exists."""
    stages = lessons()
    if (PROJECT / "manage.py").exists():
        stages.append(Stage("project", PROJECT))
    return stages


def resolve(name: str | os.PathLike) -> Stage:
    """Find a stage by ``01``, ``1``, ``01_http_uri``, ``project`` or a path to its folder."""
    text = str(name).strip().rstrip("/\\")
    stages = all_stages()
    path = Path(text)
    if path.is_dir() and (path / "manage.py").exists():
        path = path.resolve()
        for stage in stages:
            if stage.path == path:
                return stage
        return Stage(path.name, path)
    for stage in stages:
        if text == stage.name or (text.isdigit() and stage.number == int(text)):
            return stage
    known = ", ".join(s.name for s in stages) or "none yet"
    raise CourseError(f"unknown stage {text!r}: try one of {known} (or its number)")


def previous(stage: Stage) -> Stage | None:
    """The lesson before this one; for project/, the last lesson."""
    ordered = lessons()
    if stage.name == "project":
        return ordered[-1] if ordered else None
    names = [s.name for s in ordered]
    if stage.name in names:
        index = names.index(stage.name)
        return ordered[index - 1] if index > 0 else None
    return None


def fixtures(stage: Stage) -> list[Path]:
    """The fixture files the stage ships, in name order (so a numbered prefix sets load order)."""
    folder = stage.path / "articles" / "fixtures"
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def prepare(stage: Stage, fresh: bool = False, urls: bool = False):
    """Migrate the stage's database and give it data, as `lab`, `serve` and the tests need.

    Data comes from what the stage itself ships: its fixtures (``loaddata``), then, when a
    table of the app is still empty (lesson 04's comments, say), a few rows of fake data from
    the course's ``seed`` command. An existing database keeps its rows. All of it runs in one
    Django process (``course.prepare``). With ``urls`` it returns the stage's example URLs too.
    """
    if fresh:
        delete_db(stage)
    restore_cached_db(stage)
    try:
        found = run_in_stage(stage, "course.prepare", *(["--urls"] if urls else []))
    except StageJobError as exc:
        raise CourseError(f"preparing {stage.name} failed: {exc}") from None
    keep_cached_db(stage)
    return found


def _cached_db(stage: Stage) -> Path | None:
    """Where a freshly built database of this stage's code is kept, to start the next one faster.

    The name is a digest of everything that decides the database's content (migrations, fixtures,
    settings, the seed command, Django's version), so any change to them builds a new one. None
    when the stage's database is not its own SQLite file (``DATABASE_URL`` names another).
    A copy of a stage (an exercise's) is ``Stage(stage.name, copy_folder)``: it shares the cache.
    """
    if os.environ.get("DATABASE_URL"):
        return None
    import django

    digest = hashlib.sha256(django.__version__.encode())
    for pattern in ("*/migrations/*.py", "*/fixtures/*.json", "config/settings.py"):
        for path in sorted(stage.path.glob(pattern)):
            digest.update(path.relative_to(stage.path).as_posix().encode() + path.read_bytes())
    digest.update(SEED_COMMAND.read_bytes() + PREPARE.read_bytes())  # what data a new one gets
    return db_cache() / f"{stage.name}-{digest.hexdigest()[:16]}.sqlite3"


def db_cache() -> Path:
    """The folder of built databases: the user's own, private (see ``course.atomic.cache_dir``)."""
    return atomic.cache_dir("db")


def restore_cached_db(stage: Stage) -> bool:
    """A stage without a database gets the cached one built from the same code (no migrations to
    run). True when it did."""
    cached = _cached_db(stage)
    if cached and cached.exists() and not stage.db.exists():
        shutil.copyfile(cached, stage.db)
        return True
    return False


def keep_cached_db(stage: Stage) -> None:
    """Keep the stage's freshly prepared database for the next start, when none is kept yet."""
    cached = _cached_db(stage)
    if cached and not cached.exists() and stage.db.exists():
        atomic.copy_file(stage.db, cached)  # a worker preparing it too finds all of it or none


def delete_db(stage: Stage) -> None:
    """Delete the stage's SQLite file (and its WAL side files): nothing else."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        path = stage.path / (DB_NAME + suffix)
        if path.exists():
            path.unlink()
