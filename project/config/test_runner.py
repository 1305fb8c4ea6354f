"""``manage.py test`` with a fast password hasher.

PBKDF2's many rounds are the point in production and four fifths of this suite's time in tests
(every user made, every sign-in). Django's docs advise a fast hasher for tests ("Speeding up the
tests"); only the test run gets it, so the settings stay the ones the server runs with.
"""

from django.conf import settings
from django.test.runner import DiscoverRunner


class TestRunner(DiscoverRunner):
    def setup_test_environment(self, **kwargs):
        super().setup_test_environment(**kwargs)
        # New hashes are fast; the fixtures' PBKDF2 hashes still verify.
        settings.PASSWORD_HASHERS = [
            "django.contrib.auth.hashers.MD5PasswordHasher",
            *settings.PASSWORD_HASHERS,
        ]
