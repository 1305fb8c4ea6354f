"""A stage's own settings (``config.settings`` of the folder it runs in), plus the host names and
origins of a forwarded URL (``course.forwarding``). Only ``course lab`` and ``course serve`` choose
it, and only when a forwarded URL is configured."""

from config.settings import *  # noqa: F403 - the stage's settings, unchanged

from course import forwarding

# With DEBUG and no ALLOWED_HOSTS Django allows the local names; added names must not lose them.
ALLOWED_HOSTS = [  # noqa: F405
    *(ALLOWED_HOSTS or [".localhost", "127.0.0.1", "[::1]"]),  # noqa: F405
    *forwarding.hosts(),
]
CSRF_TRUSTED_ORIGINS = [*globals().get("CSRF_TRUSTED_ORIGINS", []), *forwarding.origins()]
