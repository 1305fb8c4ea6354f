"""What ``watch`` keeps between two checks: the scratch copy, prepared once, its database as
prepared, and its server. A re-check after a save copies only the files that changed, puts the
prepared database back, and restarts the server on the new code: no copy, no migrate, no loaddata
(unless a model, a migration or a fixture changed; after a save of the settings it migrates again).

While the learner edits, ``warm_up()`` starts the next check's processes (``course.warm``): the
server and the tests of a re-check then skip Python's and Django's start-up.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import threading
from pathlib import Path

from ..server import LiveServer
from ..run import dev_env
from ..warm import WarmProcess
from .check_copy import CHECK_ENV, LEFT_OUT, SERVER_TIMEOUT, compile_all
from .workspace import ANSWERS

# At most this many processes wait: a re-check's server, the stage's tests, one test run of its own.
WARM = 3
# Files whose change needs the database prepared again.
SCHEMA = ("*/migrations/*.py", "*/models.py", "*/fixtures/*.json")
# A change here migrates the prepared database again (an app added gets its tables); its rows stay.
SETTINGS = ("config/settings.py",)


def _files(folder: Path) -> dict[str, tuple[int, int]]:
    ignore = shutil.ignore_patterns(ANSWERS, *LEFT_OUT)
    found = {}
    for path in folder.rglob("*"):
        rel = path.relative_to(folder)
        if path.is_file() and not any(ignore(str(path.parent), [part]) for part in rel.parts):
            stat = path.stat()
            found[rel.as_posix()] = (stat.st_mtime_ns, stat.st_size)
    return found


class Workbench:
    """One stage's scratch copy, kept for the checks of one ``watch``; ``close()`` removes it."""

    def __init__(self, stage_name: str):
        self.scratch = Path(tempfile.mkdtemp(prefix="course-watch-"))
        self.copy = self.scratch / stage_name
        self.server: LiveServer | None = None
        self._seen: dict[str, tuple[int, int]] = {}
        self._schema = ""
        self._settings = ""
        self._snapshot = self.scratch / "prepared.sqlite3"
        self._starting: threading.Thread | None = None
        self._exercise = ""  # the key of the exercise checked last
        self._warm: list[WarmProcess] = []
        self._asked = WARM
        self._edits_code = True
        self._lock = threading.Lock()

    def _sync(self, folder: Path) -> bool:
        """Make the scratch copy the same as ``folder`` by copying what changed since last time;
        True when anything did."""
        now = _files(folder)
        for rel in set(self._seen) - set(now):
            (self.copy / rel).unlink(missing_ok=True)
        changed = set(self._seen) != set(now)
        for rel, stamp in now.items():
            if self._seen.get(rel) != stamp:
                (self.copy / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(folder / rel, self.copy / rel)
                changed = True
        self._seen = now
        return changed

    def _digest(self, patterns: tuple[str, ...]) -> str:
        digest = hashlib.sha256()
        for pattern in patterns:
            for path in sorted(self.copy.glob(pattern)):
                digest.update(path.relative_to(self.copy).as_posix().encode() + path.read_bytes())
        return digest.hexdigest()

    def ready(self, check) -> None:
        """Bring the copy up to date for ``check`` (a ``checking.Check``): files, database,
        server (started in the background; ``check.server`` waits for it)."""
        self._asked = 0  # the processes this check asks for (its preparing left out)
        self._edits_code = check.exercise.kind != "predict"
        changed = self._sync(check.folder)
        same_exercise, self._exercise = self._exercise == check.exercise.key, check.exercise.key
        if not changed and same_exercise and self.server is not None and self._snapshot.exists():
            # Only predictions changed (they are read from the learner's folder): the server
            # stays; the prepared rows come back between two requests (SQLite, no open connection).
            # Another exercise gets a new server: what the last one kept in memory (a throttle's
            # counts) is not its to see.
            partial = self.copy / "db.sqlite3.restoring"
            shutil.copyfile(self._snapshot, partial)
            os.replace(partial, self.copy / "db.sqlite3")
            check._server = self.server
            check._starting = self._starting
            return
        compile_all(self.copy)
        self.stop_server()
        schema, settings = self._digest(SCHEMA), self._digest(SETTINGS)
        db = self.copy / "db.sqlite3"
        built = schema == self._schema and self._snapshot.exists()
        if not built:  # a model, a migration or a fixture changed: a new database
            for suffix in ("", "-journal", "-wal", "-shm"):
                (self.copy / f"db.sqlite3{suffix}").unlink(missing_ok=True)
        else:  # back to the prepared rows (the last check's requests changed them)
            shutil.copyfile(self._snapshot, db)
        if not built or settings != self._settings:
            # Built as a cold check builds it; after a save of the settings only (JWT lifetimes,
            # CORS origins), migrated again under them, its rows kept: project/'s migrations
            # take seconds.
            self._schema = ""
            check._prepare()
            self._asked = 0
            shutil.copyfile(db, self._snapshot)
        self._schema, self._settings = schema, settings
        self.server = LiveServer(
            self.copy,
            startup_timeout=SERVER_TIMEOUT,
            env=CHECK_ENV,
            die_with=os.getpid(),
            warm=self.take_warm(),
        )
        check._server = self.server
        check._starting = self._starting = threading.Thread(target=check._start_server, daemon=True)
        self._starting.start()

    def warm_up(self) -> None:
        """Start the next check's processes now, while the learner edits (``watch`` calls this
        before it waits for a save): as many as the last check asked for, and for an exercise
        that edits code at least its server and the stage's tests (skipped when the code was
        unchanged, they run after a save)."""
        if not (self.copy / "manage.py").exists():
            return
        env = dev_env(CHECK_ENV)
        wanted = min(max(self._asked, 2 if self._edits_code else 0), WARM)
        while len(self._warm) < wanted:
            self._warm.append(WarmProcess(self.copy, env))

    def take_warm(self) -> WarmProcess | None:
        """A waiting process that loaded none of the files changed since, or None (a check asks
        from several threads: its server's, its tests', its own)."""
        with self._lock:
            self._asked += 1
        while True:
            with self._lock:
                if not self._warm:
                    return None
                warm = self._warm.pop(0)
            if warm.take():
                return warm

    def stop_server(self) -> None:
        """Stop the server, whatever point its start has reached (Ctrl-C may come mid-start)."""
        if self.server is None:
            return
        while self._starting is not None and self._starting.is_alive():
            self.server.stop()
            self._starting.join(0.2)
        self.server.stop()
        self.server = None

    def close(self) -> None:
        self.stop_server()
        for warm in self._warm:
            warm.stop()
        self._warm.clear()
        shutil.rmtree(self.scratch, ignore_errors=True)
