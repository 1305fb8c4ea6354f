"""A stage opened through a forwarded URL (GitHub Codespaces, a dev container): the host names and
origins such a URL needs, given to the stage's processes through the environment.

A browser that reaches a stage at ``https://NAME-8000.app.github.dev/`` sends that host name, and a
form posted there sends that origin; Django answers 400 (DisallowedHost) or 403 (CSRF origin
check) unless they are allowed. The stages' settings stay as their lessons wrote them: ``course
lab`` and ``course serve`` start the stage with ``course.forwarded_settings`` (the stage's own
settings plus these names) when ``COURSE_FORWARDED_HOSTS``, ``COURSE_FORWARDED_ORIGINS`` or
Codespaces' ``GITHUB_CODESPACES_PORT_FORWARDING_DOMAIN`` is set (``.devcontainer/devcontainer.json``
sets the first two).
"""

from __future__ import annotations

import os

SETTINGS = "course.forwarded_settings"
HOSTS_ENV = "COURSE_FORWARDED_HOSTS"  # ".app.github.dev,example.org": ALLOWED_HOSTS entries
ORIGINS_ENV = "COURSE_FORWARDED_ORIGINS"  # "https://*.app.github.dev": CSRF_TRUSTED_ORIGINS entries
CODESPACES_DOMAIN_ENV = "GITHUB_CODESPACES_PORT_FORWARDING_DOMAIN"  # set inside a codespace


def _list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


def hosts() -> list[str]:
    domain = os.environ.get(CODESPACES_DOMAIN_ENV, "").strip()
    return list(dict.fromkeys(_list(HOSTS_ENV) + ([f".{domain}"] if domain else [])))


def origins() -> list[str]:
    domain = os.environ.get(CODESPACES_DOMAIN_ENV, "").strip()
    return list(dict.fromkeys(_list(ORIGINS_ENV) + ([f"https://*.{domain}"] if domain else [])))


def use_when_asked() -> bool:
    """Make the stages this process starts use ``course.forwarded_settings`` when a forwarded URL
    is configured (and no settings module was chosen by hand); whether it does."""
    if not (hosts() or origins()) or os.environ.get("DJANGO_SETTINGS_MODULE"):
        return False
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS
    return True
