"""What every test of the course shares, in tests/ and in course/tests/ alike."""

import pytest
import requests

from course.testing import as_a_terminal_would

HTTP_TIMEOUT = 30  # seconds; generous for a loaded machine, but never "wait forever"


@pytest.fixture(autouse=True, scope="session")
def http_calls_time_out():
    """Every HTTP call a test makes through ``requests`` has a timeout (requests' own default is
    to wait forever): a call that names none gets ``HTTP_TIMEOUT``."""
    send = requests.Session.request

    def request(self, method, url, **kwargs):
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = HTTP_TIMEOUT
        return send(self, method, url, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(requests.Session, "request", request)
        yield


def pytest_runtest_setup(item):
    as_a_terminal_would()  # the Ctrl-C a test sends reaches the commands it starts
