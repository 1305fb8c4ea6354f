"""Helpers shared by the benchmarks: a throw-away database, data, servers on loopback."""

import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

# The course's one copy of the process and port helpers (python -m course uses them too).
from course.processes import free_port, stop_process, wait_until_answers  # noqa: F401  (re-exported for the benchmarks)

PROJECT_DIR = Path(__file__).resolve().parent.parent


def temp_database_env(tmp, tuned=True, debug=True):
    """Environment for a project process on a fresh SQLite file in `tmp`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        {
            "DATABASE_URL": f"sqlite:///{(Path(tmp) / 'bench.sqlite3').as_posix()}",
            "DJANGO_SQLITE_TUNED": "1" if tuned else "0",
            "DJANGO_THROTTLE_ANON": "off",
            "DJANGO_THROTTLE_USER": "off",
            "PYTHONUNBUFFERED": "1",
            "DJANGO_ENV_FILE": "",  # a developer's project/.env must not change what is measured
        }
    )
    if debug:
        env["DJANGO_DEBUG"] = "1"
    else:
        # Production settings, minus HTTPS: the benchmark talks plain HTTP on loopback.
        env.update(
            {
                "DJANGO_SECRET_KEY": "benchmark-only-" + "x" * 50,
                "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
                "DJANGO_SECURE_SSL_REDIRECT": "0",
            }
        )
    return env


def setup_django_in_process(tmp):
    """Configure this process's Django on a fresh migrated database in `tmp`."""
    os.environ.update(temp_database_env(tmp))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    sys.path.insert(0, str(PROJECT_DIR))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def make_articles(n, comments_per_article=3, users=10):
    """n articles by a few users, each with a few comments; bulk inserts, fixed seed."""
    from django.contrib.auth import get_user_model

    from articles.models import Article, Comment

    rng = random.Random(n)
    User = get_user_model()
    authors = [User.objects.get_or_create(username=f"bench{i}")[0] for i in range(users)]
    articles = Article.objects.bulk_create(
        Article(title=f"글 {i} title", content="본문 content " * 20, user=rng.choice(authors))
        for i in range(n)
    )
    Comment.objects.bulk_create(
        Comment(article=a, content=f"댓글 {j}", user=rng.choice(authors))
        for a in articles
        for j in range(comments_per_article)
    )


def wait_until_up(url, process, seconds=60):
    wait_until_answers(url, timeout=seconds, process=process)


def manage(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=PROJECT_DIR, env=env, check=True, **kwargs
    )


def make_temp_dir():
    return tempfile.TemporaryDirectory(prefix="bench-", ignore_cleanup_errors=True)
