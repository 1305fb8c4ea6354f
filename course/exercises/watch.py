"""``watch``: check the current exercise again on every save of the learner's copy."""

from __future__ import annotations

import time
from pathlib import Path

from ..errors import CourseError
from ..stages import resolve
from . import workspace
from .catalog import exercises_of, find, short
from .listing import next_open
from .progress import is_passed
from .verdict import check_once
from .workspace import shown_path


def cmd_watch(args) -> int:
    """Check the current exercise, then again on every save, until the lesson is done or Ctrl-C."""
    stage = resolve(args.stage)
    mine = exercises_of(stage)
    if not mine:
        raise CourseError(f"{stage.name} has no exercises yet")
    current = find(stage.name, args.number) if args.number is not None else next_open(mine)
    if current is None:
        print(
            f"Every exercise of {stage.name} passed. (python -m course restart {short(stage)} K "
            "to do one again)"
        )
        return 0
    from .workbench import Workbench

    copy = workspace.work_copy(stage)
    print(f"Watching {shown_path(copy.path)}/ (Ctrl-C stops).", flush=True)
    bench = Workbench(stage.name)  # the prepared copy and its server, kept between checks
    try:
        while current is not None:
            before = _snapshot(copy.path)  # a save made while the check runs is not missed
            if check_once(current, bench):
                following = [e for e in mine if e.number > current.number and not is_passed(e)]
                current = following[0] if following else None
                if current is not None:
                    print(
                        f"\nNow exercise {current.label}: {current.title}\n"
                        f"  python -m course exercises {current.label}",
                        flush=True,
                    )
                    continue
                print(f"\nEvery exercise of {stage.name} after this one passed.")
                return 0
            bench.warm_up()  # the next check's processes start while the learner edits
            print("\nWaiting for a save ...", flush=True)
            _wait_for_change(copy.path, before)
    except KeyboardInterrupt:
        print("\nStopped watching.", flush=True)
        return 0
    finally:
        bench.close()
    return 0


def _matters(folder, path) -> bool:
    """A file of ``folder`` whose save is the learner's (not the database, caches, logs,
    checkpoints, hidden files)."""
    try:
        name = "/" + Path(path).relative_to(folder).as_posix()
    except ValueError:  # the watcher names the real path (a symlinked temp folder)
        name = str(path).replace("\\", "/")
    skipped = ("/__pycache__/", "db.sqlite3", ".ipynb_checkpoints", "/.", ".log")
    return not any(part in name for part in skipped)


def _wait_for_change(folder, before: dict) -> None:
    """Return at the next save of a file that matters, or at once if one was saved since the
    snapshot ``before`` (while the last check ran)."""
    if _snapshot(folder) != before:
        return
    try:
        from watchfiles import watch
    except ImportError:  # polling, when watchfiles is not installed
        while _snapshot(folder) == before:
            time.sleep(0.5)
        return
    # Every second without an event, the snapshot is compared too: a save made between the check
    # and the start of the watcher is seen.
    for changes in watch(
        folder,
        watch_filter=lambda _change, path: _matters(folder, path),
        debounce=300,
        raise_interrupt=True,
        rust_timeout=1000,
        yield_on_timeout=True,
    ):
        if changes or _snapshot(folder) != before:
            return


def _snapshot(folder) -> dict:
    return {
        str(p): p.stat().st_mtime_ns
        for p in folder.rglob("*")
        if p.is_file() and _matters(folder, p)
    }
