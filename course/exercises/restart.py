"""``restart``: starting an exercise, or a whole copy, over: the shipped files back, the learner's
kept in ``work/backups/``, the exercise's progress cleared.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from ..commands.guard import confirm
from ..stages import Stage, resolve
from . import workspace
from .catalog import Exercise, exercises_of, find
from .patching import _read
from .progress import forget
from .workspace import ANSWERS, answers_file, shown_path, work_path, write_answer_template


def backup_path(exercise: Exercise) -> Path:
    """Where ``restart`` keeps the learner's files before it puts the shipped ones back."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    return workspace.WORK / "backups" / exercise.stage.name / f"{exercise.number}-{stamp}"


def files_to_restore(exercise: Exercise) -> list[str]:
    """The files of the copy ``restart`` would put back: those the exercise edits (EDIT and its
    solution), where the learner's file differs from the shipped one."""
    folder, changed = work_path(exercise.stage), []
    for rel in dict.fromkeys(exercise.edit + exercise.patched_files):
        shipped, mine = exercise.stage.path / rel, folder / rel
        if _read(shipped) != _read(mine):
            changed.append(rel)
    return changed


def restart_exercise(exercise: Exercise) -> tuple[list[str], Path | None]:
    """Put back the shipped version of every file the exercise edits; a fresh answers file.

    Every file replaced or removed is copied first to ``backup_path`` (the learner's work on
    another exercise may sit in the same file). Returns the paths restored and the backup folder
    (None when nothing was replaced). The rest of the learner's copy stays as it is.
    """
    folder = work_path(exercise.stage)
    restored = files_to_restore(exercise)
    backup = backup_path(exercise) if any((folder / rel).exists() for rel in restored) else None
    for rel in restored:
        shipped, mine = exercise.stage.path / rel, folder / rel
        if mine.exists():
            (backup / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(mine, backup / rel)
        if shipped.exists():
            mine.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(shipped, mine)
        else:  # the exercise adds this file: starting over removes it
            mine.unlink()
    answers = answers_file(exercise, folder)
    if answers.exists() and backup is not None:
        (backup / ANSWERS).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(answers, backup / ANSWERS / answers.name)
    answers.unlink(missing_ok=True)
    write_answer_template(exercise, folder)
    forget(exercise)
    return restored, backup


def restart_stage(stage: Stage) -> None:
    """Delete the learner's whole copy of the stage and its progress; a new copy is made on use."""
    path = work_path(stage)
    if path.exists():
        shutil.rmtree(path)
    for exercise in exercises_of(stage):
        forget(exercise)


def cmd_restart(args) -> int:
    stage = resolve(args.stage)
    if args.number is not None:
        exercise = find(stage.name, args.number)
        if not workspace.has_copy(stage):
            forget(exercise)
            print(f"You have no copy of {stage.name} yet: nothing to start over.")
            return 0
        files = files_to_restore(exercise)
        if files and not confirm(
            f"Put back as shipped: {', '.join(files)} (your versions are kept in "
            f"{shown_path(workspace.WORK / 'backups')}/), and clear {exercise.label}'s progress?",
            f"restart {exercise.label} replaces {', '.join(files)} in your copy: add --yes to "
            "confirm (your versions are kept in a backup folder)",
            args.yes,
        ):
            print("Nothing changed.")
            return 0
        restored, backup = restart_exercise(exercise)
        print(
            f"Exercise {exercise.label} starts over: "
            + (", ".join(restored) or "no file")
            + " as shipped; its progress cleared."
        )
        if backup is not None:
            print(f"Your versions of those files: {shown_path(backup)}/")
        return 0
    path = workspace.work_path(stage)
    if path.exists() and not confirm(
        f"Delete {shown_path(path)}/ and your progress in {stage.name}?",
        f"restart deletes your copy {shown_path(path)}/: add --yes to confirm",
        args.yes,
    ):
        print("Nothing changed.")
        return 0
    restart_stage(stage)
    workspace.work_copy(stage)
    print(f"{stage.name} starts over: a fresh copy in {shown_path(path)}/, its progress cleared.")
    return 0
