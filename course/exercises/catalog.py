"""The exercises the course ships: ``exercises/<stage>/<K>_<slug>/``, found and read.

Each folder holds ``README.md`` (``# Title``, the statement), ``hints.md`` (``## Hint 1`` ...),
``solution.patch`` (a unified diff against the shipped stage) and ``check.py`` (``KIND``, ``EDIT``,
``CHANGES_TESTS``, ``check(c)``). ``exercises/README.md`` is the authoritative description.
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import ModuleType

from ..errors import CourseError
from ..stages import ROOT, Stage, all_stages, resolve

EXERCISES = ROOT / "exercises"
KINDS = ("code", "predict", "break")
FOLDER = re.compile(r"(\d+)_([a-z0-9_]+)$")


@dataclass(frozen=True)
class Exercise:
    stage: Stage
    number: int  # K: 1, 2, ... in the order of the lesson
    path: Path  # exercises/<stage>/<K>_<slug>/

    @property
    def key(self) -> str:
        """``03_serializers/2_partial_update``: how progress.json names it."""
        return f"{self.stage.name}/{self.path.name}"

    @property
    def label(self) -> str:
        """``03 2``, as the learner types it after ``check``; ``project 1`` for project/."""
        return f"{short(self.stage)} {self.number}"

    @cached_property
    def readme(self) -> str:
        return _read(self.path / "README.md")

    @property
    def title(self) -> str:
        first = self.readme.lstrip().splitlines()[0] if self.readme.strip() else ""
        return first[2:].strip() if first.startswith("# ") else self.path.name

    @property
    def statement(self) -> str:
        """The README without its title line."""
        lines = self.readme.lstrip().splitlines()
        return "\n".join(lines[1:]).strip() + "\n"

    @cached_property
    def hints(self) -> list[str]:
        """The text of each ``## Hint N`` section, in order."""
        path = self.path / "hints.md"
        if not path.exists():
            return []
        # "## Hint 1", or the heading as a translation writes it ("## 힌트 1").
        parts = re.split(r"^## \S+ \d+\s*$", _read(path), flags=re.M)
        return [part.strip() for part in parts[1:] if part.strip()]

    @property
    def patch_path(self) -> Path:
        return self.path / "solution.patch"

    @property
    def patch(self) -> str:
        return self.patch_path.read_text(encoding="utf-8")

    @cached_property
    def module(self) -> ModuleType:
        """``check.py``, imported under a name of its own (every exercise has a check.py)."""
        path = self.path / "check.py"
        name = f"course_exercise_{self.stage.name}_{self.path.name}"
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    @property
    def kind(self) -> str:
        return getattr(self.module, "KIND", "code")

    @property
    def points(self) -> int:
        """What passing it is worth in a grade (optional ``POINTS`` in check.py; default 1)."""
        return int(getattr(self.module, "POINTS", 1))

    @property
    def edit(self) -> list[str]:
        return list(getattr(self.module, "EDIT", []))

    @property
    def changes_tests(self) -> list[str]:
        return list(getattr(self.module, "CHANGES_TESTS", []))

    @property
    def answer_keys(self) -> list[str]:
        """Keys of ``answers/<K>.txt`` for a predict exercise (optional ``ANSWERS`` in check.py)."""
        return list(getattr(self.module, "ANSWERS", []))

    @property
    def test_modules(self) -> list[str] | None:
        """Stage test modules the solution can affect (optional ``TESTS``); None: all of them."""
        tests = getattr(self.module, "TESTS", None)
        return list(tests) if tests is not None else None

    @property
    def patched_files(self) -> list[str]:
        """Paths (relative to the stage) that solution.patch touches."""
        found = []
        for line in self.patch.splitlines():
            if line.startswith(("+++ ", "--- ")):
                name = line[4:].split("\t")[0].strip()
                if name != "/dev/null" and name[:2] in ("a/", "b/"):
                    found.append(name[2:])
        return list(dict.fromkeys(found))

    def __str__(self) -> str:
        return f"{self.label}: {self.title}"


def short(stage: Stage) -> str:
    """How the learner names a stage on the command line: ``03``, or ``project``."""
    return f"{stage.number:02d}" if stage.number is not None else stage.name


def exercises_of(stage: Stage) -> list[Exercise]:
    """The exercises of one stage, by number."""
    folder = EXERCISES / stage.name
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = FOLDER.match(path.name)
        if path.is_dir() and match and (path / "check.py").exists():
            found.append(Exercise(stage, int(match.group(1)), path))
    return sorted(found, key=lambda e: e.number)


def all_exercises() -> list[Exercise]:
    return [exercise for stage in all_stages() for exercise in exercises_of(stage)]


def find(stage_name: str, number: str | int) -> Exercise:
    """Exercise K of a stage; a one-line CourseError when there is no such exercise."""
    stage = resolve(stage_name)
    found = exercises_of(stage)
    try:
        wanted = int(str(number))
    except ValueError:
        raise CourseError(f"{number!r} is not an exercise number: try 1 to {len(found)}") from None
    for exercise in found:
        if exercise.number == wanted:
            return exercise
    if not found:
        raise CourseError(f"{stage.name} has no exercises yet")
    numbers = ", ".join(str(e.number) for e in found)
    raise CourseError(
        f"{stage.name} has no exercise {wanted}: try one of {numbers} "
        f"(python -m course exercises {short(stage)})"
    )


def _read(path: Path) -> str:
    """A statement or hints file in the learner's language (``course lang``): the English, or the
    translation made from it and its catalog."""
    from ..i18n import SOURCE_LANGUAGE, choice, render

    lang = choice.current()
    if lang == SOURCE_LANGUAGE:
        return path.read_text(encoding="utf-8")
    return render.markdown(path, lang)
