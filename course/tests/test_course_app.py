"""The course's Django app, listed in every stage: runserver sends each packet at once (TCP_NODELAY),
so a request from a notebook or a check does not wait ~40 ms for a delayed ACK (figures:
``tooling_benchmarks/exercise_bench.py``); a check's processes hash passwords fast, the learner's
own keep Django's default."""

import pytest

from course.apps import FAST_HASHER_ENV
from course.run import run_python
from course.stages import all_stages, resolve

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


HASHER = (
    "import django; django.setup(); "
    "from django.contrib.auth.hashers import make_password; "
    "print(make_password('a password').split('$')[0])"
)


@pytest.mark.parametrize("check, algorithm", [(True, "md5"), (False, "pbkdf2_sha256")])
def test_only_a_check_s_processes_hash_passwords_fast(check, algorithm):
    env = {"DJANGO_SETTINGS_MODULE": "config.settings", FAST_HASHER_ENV: "1" if check else ""}
    proc = run_python(resolve("06"), "-c", HASHER, capture=True, env=env)
    assert proc.stdout.strip() == algorithm, proc.stdout + proc.stderr
