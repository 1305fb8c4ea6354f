"""The course's Django app, listed in every stage: runserver sends each packet at once (TCP_NODELAY),
so a request from a notebook or a check does not wait ~40 ms for a delayed ACK (figures:
``tooling_benchmarks/exercise_bench.py``)."""

import pytest

from course.run import run_python
from course.stages import all_stages

SETUP = (
    "import django; django.setup(); "
    "from django.core.servers.basehttp import WSGIRequestHandler; "
    "print(WSGIRequestHandler.disable_nagle_algorithm)"
)


@pytest.mark.parametrize("stage", all_stages(), ids=lambda s: s.name)
def test_every_stage_s_runserver_disables_nagle(stage):
    proc = run_python(
        stage, "-c", SETUP, capture=True, env={"DJANGO_SETTINGS_MODULE": "config.settings"}
    )
    assert proc.stdout.strip() == "True", proc.stdout + proc.stderr
