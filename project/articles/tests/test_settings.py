"""Settings from the environment, checked the way a server starts: in a fresh process."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.test import SimpleTestCase, tag

PROJECT_DIR = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "k7#Vq9!xL2@pR4$wZ8^nB1&cT6*yH3(jM5)dF0-gS9+aE2=uK7",
    "DJANGO_ALLOWED_HOSTS": "api.example.com",
}


def manage(*args, env=None):
    """Run manage.py with only the given DJANGO_* variables (DATABASE_URL is kept)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean["DJANGO_ENV_FILE"] = ""  # a developer's project/.env must not change the answer
    clean.update(env or {})
    return subprocess.run(
        [sys.executable, "-W", "always", "manage.py", *args],
        cwd=PROJECT_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


# They use no database (each starts manage.py in a fresh process): a run on another database
# backend may leave them out (`manage.py test --exclude-tag no_database`).
@tag("no_database")
class SettingsTests(SimpleTestCase):
    def test_check_deploy_is_clean_with_production_values(self):
        result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("System check identified no issues", result.stdout)

    def test_check_deploy_warns_in_development(self):
        result = manage("check", "--deploy", "--fail-level", "WARNING", env={"DJANGO_DEBUG": "1"})
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("security.W018", result.stderr)  # DEBUG on

    def test_secret_key_is_required_without_debug(self):
        result = manage("check", env={"DJANGO_ALLOWED_HOSTS": "api.example.com"})
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("DJANGO_SECRET_KEY", result.stderr)

    def test_a_known_short_or_repetitive_secret_key_is_refused_without_debug(self):
        for key in [
            "change-me-to-50-random-characters",  # README.md's example
            "django-insecure-" + "x1y2z3" * 10,  # startproject's kind of key
            "s3cr3t",
            "a" * 60,
        ]:
            with self.subTest(key=key):
                result = manage("check", env={**PRODUCTION_ENV, "DJANGO_SECRET_KEY": key})
                self.assertNotEqual(result.returncode, 0)
                self.assertNotIn("Traceback", result.stderr)
                self.assertIn("DJANGO_SECRET_KEY", result.stderr)
                self.assertLessEqual(len(result.stderr.strip().splitlines()), 2, result.stderr)
        # With DEBUG on, a development key is fine.
        result = manage("check", env={"DJANGO_DEBUG": "1", "DJANGO_SECRET_KEY": "s3cr3t"})
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_runserver_by_hand_unconfigured_says_what_to_do_in_a_few_lines(self):
        result = manage("runserver", "127.0.0.1:0")
        self.assertEqual(result.returncode, 1)
        self.assertNotIn("Traceback", result.stderr)
        self.assertLessEqual(len(result.stderr.strip().splitlines()), 5, result.stderr)
        self.assertIn(".env.example", result.stderr)
        self.assertIn("DJANGO_SECRET_KEY", result.stderr)

    def test_the_env_file_is_read_and_the_environment_wins(self):
        with tempfile.TemporaryDirectory() as folder:
            env_file = Path(folder) / ".env"
            env_file.write_text("DJANGO_DEBUG=1\nDJANGO_LOG_LEVEL=ERROR\n", encoding="utf-8")
            show = "from django.conf import settings; print(settings.DEBUG, settings.LOGGING['root']['level'])"
            result = manage("shell", "-c", show, env={"DJANGO_ENV_FILE": str(env_file)})
            self.assertEqual(result.stdout.strip().splitlines()[-1], "True ERROR", result.stderr)
            result = manage(
                "shell",
                "-c",
                show,
                env={"DJANGO_ENV_FILE": str(env_file), "DJANGO_LOG_LEVEL": "INFO"},
            )
            self.assertEqual(result.stdout.strip().splitlines()[-1], "True INFO", result.stderr)

    def test_env_example_is_a_working_development_file(self):
        result = manage("check", env={"DJANGO_ENV_FILE": str(PROJECT_DIR / ".env.example")})
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_debug_alone_is_enough_and_nothing_is_deprecated(self):
        result = manage("check", env={"DJANGO_DEBUG": "1"})
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNotIn("Deprecat", result.stderr)
        self.assertNotIn("Warning", result.stderr)

    def test_mail_is_printed_and_its_setting_is_not_deprecated(self):
        # In a fresh process: the test runner replaces the email backend with its outbox.
        send = "from django.core.mail import send_mail; send_mail('Hi', 'the body', None, ['a@example.com'])"
        result = manage("shell", "-c", send, env={"DJANGO_DEBUG": "1"})
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("the body", result.stdout)
        self.assertNotIn("Deprecat", result.stderr)

    def test_tuned_sqlite(self):
        if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
            self.skipTest("not SQLite")
        options = settings.DATABASES["default"]["OPTIONS"]
        self.assertEqual(options["transaction_mode"], "IMMEDIATE")
        self.assertIn("journal_mode=WAL", options["init_command"])
        self.assertGreaterEqual(options["timeout"], 5)

    def test_debug_is_off_by_default(self):
        result = manage(
            "shell",
            "-c",
            "from django.conf import settings; print(settings.DEBUG)",
            env=PRODUCTION_ENV,
        )
        self.assertEqual(result.stdout.strip().splitlines()[-1], "False", result.stderr)
