"""Run inside a stage's folder: what the stage's URLconf really answers, as JSON on one line.

``python -m course.routes "GET /api/v1/articles/" "PUT /api/v1/articles/1/"`` prints, for each
request, the route that serves it, the methods its view allows and its permission classes (DRF
views), and every route of the ``articles`` app. The test that checks each stage README's route
table against the stage (``tests/test_readme_routes.py``) reads it; a separate process per stage,
because every stage has the same module names.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

APP = "articles"


def normalize(route: str) -> str:
    """A route as the README writes it, placeholders reduced to ``<>``: ``/api/v1/articles/<>/``.

    ``api/v1/articles/<int:pk>/``, ``^echo/(?P<rest>.*)$`` and the README's ``/echo/<anything>``
    all compare equal to their counterpart this way.
    """
    route = route.lstrip("^").rstrip("$")
    route = re.sub(r"/\?$", "/", route)  # dj-rest-auth's ``login/?``: the slash is optional
    route = re.sub(r"\(\?P<\w+>[^)]*\)\??", "<>", route)
    route = re.sub(r"<[^>]*>", "<>", route)
    return "/" + route.lstrip("/")


def app_routes() -> list[str]:
    """Every route of the articles app, normalized (catch-alls included)."""
    from django.urls import get_resolver
    from django.urls.resolvers import URLResolver

    found = []

    def walk(patterns, prefix, namespace):
        for entry in patterns:
            route = prefix + str(entry.pattern).lstrip("^").rstrip("$")
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, route, entry.namespace or namespace)
            elif namespace == APP:
                found.append(normalize(route))

    walk(get_resolver().url_patterns, "", None)
    return found


def answer(method: str, path: str) -> dict:
    """The route that serves ``METHOD path``, its view's allowed methods and permission classes."""
    from django.test import RequestFactory
    from django.urls import Resolver404, resolve

    try:
        match = resolve(path)
    except Resolver404:
        return {"route": None}
    result = {"route": normalize(match.route), "name": match.view_name, "methods": None,
              "permissions": None}
    cls = getattr(match.func, "cls", None) or getattr(match.func, "view_class", None)
    if cls is not None and hasattr(cls, "get_permissions"):  # a DRF view
        from rest_framework.request import Request

        view = cls(**(getattr(match.func, "initkwargs", None) or {}))
        request = RequestFactory().generic(method, path)
        view.request, view.args, view.kwargs, view.format_kwarg = Request(request), (), match.kwargs, None
        view.headers = {}
        result["methods"] = sorted(m for m in view.allowed_methods if m not in ("OPTIONS", "HEAD"))
        result["permissions"] = sorted(type(p).__name__ for p in view.get_permissions())
    return result


def main(argv: list[str] | None = None) -> int:
    requests = sys.argv[1:] if argv is None else argv
    sys.path.insert(0, str(Path.cwd()))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    answers = {}
    for text in requests:
        method, path = text.split(" ", 1)
        answers[text] = answer(method, path)
    print(json.dumps({"routes": app_routes(), "answers": answers}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
