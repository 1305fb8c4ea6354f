"""Fixtures shared by the course's tests: live servers on throwaway copies of the stages."""

import os
import shutil
import tempfile

import pytest
import requests

from course.server import LiveServer
from course.site.execute import EXECUTED_ENV
from course.database import prepare
from course.stages import all_stages, resolve
from course.testing import copy_stage, sign_up


STAGE_NAMES = {stage.name for stage in all_stages()}


def pytest_itemcollected(item):
    """Ask pytest-xdist (``--dist loadgroup``) to run the tests of one stage's live server on one
    worker, so each server starts once, not once per worker."""
    params = getattr(getattr(item, "callspec", None), "params", {})
    stage = next((v for v in params.values() if isinstance(v, str) and v in STAGE_NAMES), None)
    if stage and "live" in item.fixturenames:
        item.add_marker(pytest.mark.xdist_group(stage))


def pytest_configure(config):
    """The notebooks the suite executes are kept for the site build of the same run
    (``course.site.execute.keep``); set once, by the process that starts the workers."""
    if not hasattr(config, "workerinput") and EXECUTED_ENV not in os.environ:
        config._course_executed = os.environ[EXECUTED_ENV] = tempfile.mkdtemp(
            prefix="course-executed-"
        )


def pytest_unconfigure(config):
    folder = getattr(config, "_course_executed", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
        os.environ.pop(EXECUTED_ENV, None)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """The site last; and make the groups count. xdist 3.8 tells its scheduler a test's group by
    appending ``@group`` to ``item._nodeid``, which pytest 9 no longer reads (it keeps a structured
    ``item._id``): the groups were ignored and every worker started its own server of a stage.
    So the suffix goes where pytest 9 reads it; a worker only (``loadgroup`` is set there)."""
    # The site (and its reproducibility test) last: they find the most notebooks the suite has
    # executed already.
    items.sort(key=lambda item: item.nodeid.startswith("tests/test_site"))
    if not getattr(config.option, "loadgroup", False):
        return
    for item in items:
        mark = item.get_closest_marker("xdist_group")
        node_id = getattr(item, "_id", None)
        if mark and node_id is not None and "@" not in item.nodeid.rpartition("]")[2]:
            item._id = type(node_id).parse(f"{item.nodeid}@{mark.args[0]}")


@pytest.fixture(scope="module")
def project_server(tmp_path_factory):
    """A live server of project/ on a fresh SQLite database, throttling off (the contract tests
    send many requests from one address)."""
    with pytest.MonkeyPatch.context() as patch:
        db = tmp_path_factory.mktemp("project") / "db.sqlite3"
        patch.setenv("DATABASE_URL", f"sqlite:///{db.as_posix()}")
        patch.setenv("DJANGO_THROTTLE_ANON", "off")
        patch.setenv("DJANGO_THROTTLE_USER", "off")
        project = resolve("project")
        prepare(project)
        with LiveServer(project.path) as live:
            yield live


@pytest.fixture(scope="session")
def live(tmp_path_factory):
    """``live("03_serializers")`` -> a running server of a fresh copy of that stage (one per session).

    The copy is migrated and loaded the way ``python -m course lab`` prepares a stage, so the tests
    see what a learner sees, and the learner's own database is never touched.
    """
    servers = {}

    def get(name: str) -> LiveServer:
        if name not in servers:
            copy = copy_stage(resolve(name), tmp_path_factory.mktemp("live"))
            servers[name] = LiveServer(copy.path).start()
        return servers[name]

    yield get
    for server in servers.values():
        server.stop()


@pytest.fixture(scope="session")
def writer(live):
    """``writer("03_serializers")`` -> a ``requests.Session`` allowed to write to that live stage.

    Contract tests write through it, so the same test holds in every later stage: where a stage
    requires sign-in (06 on), the session carries a signed-in user's token.
    """
    sessions = {}

    def get(name: str) -> requests.Session:
        if name not in sessions:
            session = requests.Session()
            if requires_sign_in(name):
                session.headers["Authorization"] = f"Token {sign_up(live(name).url).key}"
            sessions[name] = session
        return sessions[name]

    yield get
    for session in sessions.values():
        session.close()


SIGN_IN_FROM = 6  # lesson 06 (and project/, built on it) allow writes only to signed-in users


def requires_sign_in(name: str) -> bool:
    number = resolve(name).number
    return number is None or number >= SIGN_IN_FROM
