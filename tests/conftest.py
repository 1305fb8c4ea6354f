"""Fixtures shared by the course's tests: live servers on throwaway copies of the stages."""

import pytest

from course.server import LiveServer
from course.stages import resolve
from course.testing import copy_stage


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
