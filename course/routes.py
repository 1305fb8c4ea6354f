"""What a stage's URLconf really answers, read inside the stage's Django. Two uses:

- ``example_urls()``: real URLs a person can click, which ``python -m course serve`` prints as
  "worth trying" (through ``course.prepare --urls``). A route such as ``articles/<int:pk>/`` or a
  router's ``articles/(?P<pk>[^/.]+)/`` becomes ``/api/v1/articles/1/`` with ``reverse()``: a
  parameter named ``pk`` (or ``id``) takes the first primary key of the model the segment before
  it names (``articles`` -> ``Article``), ``article_pk`` the first ``Article``. Routes with a
  parameter nothing can fill (an e-mail confirmation key), format suffixes and the admin are left out.
- ``python -m course.routes "GET /api/v1/articles/" "PUT /api/v1/articles/1/"`` prints, as JSON on
  one line, for each request the route that serves it, the methods its view allows and its
  permission classes (DRF views), and every route of the ``articles`` app. The test that checks
  each stage README's route table against the stage (``tests/test_readme_routes.py``) reads it; a
  separate process per stage, because every stage has the same module names.
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
    result = {
        "route": normalize(match.route),
        "name": match.view_name,
        "methods": None,
        "permissions": None,
    }
    cls = getattr(match.func, "cls", None) or getattr(match.func, "view_class", None)
    if cls is not None and hasattr(cls, "get_permissions"):  # a DRF view
        from rest_framework.request import Request

        view = cls(**(getattr(match.func, "initkwargs", None) or {}))
        request = RequestFactory().generic(method, path)
        view.request, view.args, view.kwargs, view.format_kwarg = (
            Request(request),
            (),
            match.kwargs,
            None,
        )
        view.headers = {}
        result["methods"] = sorted(m for m in view.allowed_methods if m not in ("OPTIONS", "HEAD"))
        result["permissions"] = sorted(type(p).__name__ for p in view.get_permissions())
    return result


PARAMETER = r"<(?:\w+:)?{name}>|\(\?P<{name}>"


def example_urls() -> list[str]:
    from django.urls import NoReverseMatch, get_resolver, reverse
    from django.urls.resolvers import URLResolver

    found: list[str] = []

    def walk(patterns, namespaces: list[str], prefix: str):
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                if not route.lstrip("^").startswith("admin/"):
                    space = namespaces + [entry.namespace] if entry.namespace else namespaces
                    walk(entry.url_patterns, space, route)
                continue
            names = list(entry.pattern.regex.groupindex)
            if not entry.name or "format" in names:
                continue  # nameless, or a format suffix: nothing to try by hand
            if _placeholder(entry.callback):
                continue
            kwargs = {name: _value(route, name) for name in names}
            if None in kwargs.values():
                continue
            try:
                url = reverse(":".join([*namespaces, entry.name]), kwargs=kwargs)
            except NoReverseMatch:
                continue  # e.g. a key that cannot be empty
            if not url.endswith("/") and _resolves(url + "/", entry.name):
                url += "/"  # a route like `login/?$`: reverse() leaves the optional slash out
            found.append(url)

    walk(get_resolver().url_patterns, [], "")
    return list(dict.fromkeys(found))


def _placeholder(view) -> bool:
    """A route that exists only to be reversed: a TemplateView with no template (dj-rest-auth's
    ``account_email_verification_sent``, for allauth's redirects) answers a GET with a 500."""
    from django.views.generic import TemplateView

    view_class = getattr(view, "view_class", None)
    return bool(
        view_class
        and issubclass(view_class, TemplateView)
        and not view_class.template_name
        and not (getattr(view, "view_initkwargs", {}) or {}).get("template_name")
    )


def _resolves(url: str, name: str) -> bool:
    from django.urls import Resolver404, resolve

    try:
        return resolve(url).url_name == name
    except Resolver404:
        return False


def _value(route: str, name: str):
    """A value for a route parameter: the first primary key of the model it points at, "" for
    any other (``echo/(?P<rest>.*)``; reverse() refuses it where a value must not be empty)."""
    from django.apps import apps

    match = re.search(PARAMETER.format(name=re.escape(name)), route)
    if name in ("pk", "id") and match:
        segments = [
            s for s in re.split(r"[/^$]", route[: match.start()]) if re.fullmatch(r"[\w-]+", s)
        ]
        wanted = segments[-1] if segments else ""
    elif name.endswith(("_pk", "_id")):
        wanted = name[:-3]
    else:
        return ""
    for model in apps.get_models():
        meta = model._meta
        if wanted in (meta.model_name, meta.model_name + "s", str(meta.verbose_name_plural)):
            return model._default_manager.order_by("pk").values_list("pk", flat=True).first()
    return None


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
