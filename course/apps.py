import os

from django.apps import AppConfig

# Set by a check for its copy's processes (never by lab or a learner's runserver).
FAST_HASHER_ENV = "COURSE_FAST_PASSWORD_HASHER"
FAST_HASHER = "django.contrib.auth.hashers.MD5PasswordHasher"


def fast_hashers_first(hashers: list[str]) -> list[str]:
    """``PASSWORD_HASHERS`` with a fast hasher first, as Django's docs advise for tests
    ("Speeding up the tests"): PBKDF2 takes 0.2 s a password, most of lesson 06's test time and
    of a sign-up a check sends. The rest stay listed, so PBKDF2 hashes already stored verify."""
    return [FAST_HASHER, *(hasher for hasher in hashers if hasher != FAST_HASHER)]


class CourseConfig(AppConfig):
    """The course tooling as a Django app, so that every stage gets its `shell_plus` fix.

    List it in INSTALLED_APPS *before* ``django_extensions``: Django lets the first app that
    defines a management command win, so ours replaces django-extensions' ``shell_plus``.
    """

    name = "course"
    verbose_name = "Course tooling"

    def ready(self):
        # runserver writes a response's headers and body in separate small packets; with Nagle's
        # algorithm on, the body waits for the client's delayed ACK, about 40 ms on every request a
        # notebook or a check sends (50 ms where 8 would do). TCP_NODELAY sends each at once; what
        # the server answers is unchanged.
        from django.core.servers.basehttp import WSGIRequestHandler

        WSGIRequestHandler.disable_nagle_algorithm = True

        if os.environ.get(FAST_HASHER_ENV) == "1":
            from django.conf import settings

            settings.PASSWORD_HASHERS = fast_hashers_first(settings.PASSWORD_HASHERS)
