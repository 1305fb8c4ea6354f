"""What a stage's URLconf really answers, read inside the stage's Django: the one module that walks
``get_resolver()``. Its uses:

- ``routes()`` / ``routes_markdown()``: every route with its name, view, the methods it answers and
  (DRF views) its authentication and permission classes. A notebook shows the table with
  ``display(Markdown(routes_markdown()))``, so the API agreement a lesson talks about is generated
  live from ``urls.py`` and the views, never typed by hand.
- ``example_urls()``: real URLs a person can click, which ``python -m course serve`` prints as
  "worth trying" (through ``course.prepare --urls``). A route such as ``articles/<int:pk>/`` or a
  router's ``articles/(?P<pk>[^/.]+)/`` becomes ``/api/v1/articles/1/`` with ``reverse()``: a
  parameter named ``pk`` (or ``id``) takes the first primary key of the model the segment before
  it names (``articles`` -> ``Article``), ``article_pk`` the first ``Article``. Routes with a
  parameter nothing can fill (an e-mail confirmation key), format suffixes and the admin are left out.
- ``python -m course.routes "GET /api/v1/articles/" "PUT /api/v1/articles/1/"`` answers (through
  ``course.in_stage``), for each request, the route that serves it, the methods its view allows and
  its permission classes for that request, and every route of the ``articles`` app. The test that
  checks each stage README's route table against the stage (``tests/test_readme_routes.py``) reads
  it; a separate process per stage, because every stage has the same module names.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field

from course import in_stage

APP = "articles"
# What DRF answers on every route by itself; a table of what a view was written for leaves them out.
AUTOMATIC = {"HEAD", "OPTIONS"}
ORDER = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE"]


@dataclass(frozen=True)
class Route:
    route: str  # "api/v1/articles/<int:pk>/"
    name: str  # "articles:api_article_detail", "" when the pattern has none
    view: str  # "articles.views.api_article_detail"
    methods: tuple[str, ...]  # what the view answers, e.g. ("GET", "PUT", "DELETE")
    authentication: tuple[str, ...]  # DRF authentication classes, () for a plain Django view
    permissions: tuple[str, ...]  # DRF permission classes, () for a plain Django view
    namespace: str = ""  # the innermost namespace: "articles"
    parameters: tuple[str, ...] = ()  # the route's named parameters: ("pk",)
    callback: object = field(default=None, compare=False, repr=False)  # the view function


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


def methods(view) -> tuple[str, ...]:
    """The methods a view function (as the URLconf holds it) was written for, HEAD and OPTIONS
    left out; () for a plain function, which does whatever it does with ``request.method``."""
    cls = getattr(view, "cls", None) or getattr(view, "view_class", None)
    if cls is None:
        return ()
    actions = getattr(view, "actions", None)  # a ViewSet's route maps methods to actions
    allowed = {m.upper() for m in cls.http_method_names}  # a view may turn some methods off
    names = (
        {m.upper() for m in actions}
        if actions
        else {m.upper() for m in cls.http_method_names if hasattr(cls, m)}
    )
    return tuple(m for m in ORDER if m in (names & allowed) - AUTOMATIC)


def routes(prefix_filter: tuple[str, ...] = ("admin/",)) -> list[Route]:
    """Every route of the current Django project (``ROOT_URLCONF``), in the order Django tries them.

    Routes under a prefix in ``prefix_filter`` are left out (the admin's dozens by default).
    """
    from django.urls import get_resolver
    from django.urls.resolvers import URLResolver

    found: list[Route] = []

    def walk(patterns, prefix="", names="", namespace=""):
        for entry in patterns:
            route = prefix + str(entry.pattern).lstrip("^").rstrip("$")
            if route.startswith(prefix_filter):
                continue
            if isinstance(entry, URLResolver):
                inner = names + (entry.namespace + ":" if entry.namespace else "")
                walk(entry.url_patterns, route, inner, entry.namespace or namespace)
                continue
            view = entry.callback
            cls = getattr(view, "cls", None)
            found.append(
                Route(
                    route=route,
                    name=names + entry.name if entry.name else "",
                    view=f"{view.__module__}.{getattr(view, '__name__', type(view).__name__)}",
                    methods=methods(view),
                    authentication=tuple(
                        c.__name__ for c in getattr(cls, "authentication_classes", ())
                    ),
                    permissions=tuple(c.__name__ for c in getattr(cls, "permission_classes", ())),
                    namespace=namespace,
                    parameters=tuple(entry.pattern.regex.groupindex),
                    callback=view,
                )
            )

    walk(get_resolver().url_patterns)
    return found


def routes_markdown(only: str = "", **kwargs) -> str:
    """The routes as a Markdown table; ``only`` keeps the routes that start with it (``"api/"``)."""
    rows = [
        "| route | name | methods | authentication | permission classes |",
        "| --- | --- | --- | --- | --- |",
    ]
    for r in routes(**kwargs):
        if not r.route.startswith(only):
            continue
        rows.append(
            f"| `/{r.route}` | `{r.name}` | {', '.join(r.methods) or 'any (the view decides)'} | "
            f"{', '.join(r.authentication) or '-'} | {', '.join(r.permissions) or '-'} |"
        )
    return "\n".join(rows)


def app_routes() -> list[str]:
    """Every route of the articles app, normalized (catch-alls included)."""
    return [normalize(r.route) for r in routes() if r.namespace == APP]


def answer(method: str, path: str) -> dict:
    """The route that serves ``METHOD path``, its view's methods and, for a DRF view, the
    permission classes it applies to that request (``get_permissions()`` may depend on it)."""
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
        view.request = Request(RequestFactory().generic(method, path))
        view.args, view.kwargs, view.format_kwarg, view.headers = (), match.kwargs, None, {}
        result["methods"] = sorted(methods(match.func))
        result["permissions"] = sorted(type(p).__name__ for p in view.get_permissions())
    return result


PARAMETER = r"<(?:\w+:)?{name}>|\(\?P<{name}>"


def example_urls() -> list[str]:
    from django.urls import NoReverseMatch, reverse

    found: list[str] = []
    for r in routes():
        url_name = r.name.rsplit(":", 1)[-1]
        if not url_name or "format" in r.parameters:
            continue  # nameless, or a format suffix: nothing to try by hand
        if _placeholder(r.callback):
            continue
        kwargs = {name: _value(r.route, name) for name in r.parameters}
        if None in kwargs.values():
            continue
        try:
            url = reverse(r.name, kwargs=kwargs)
        except NoReverseMatch:
            continue  # e.g. a key that cannot be empty
        if not url.endswith("/") and _resolves(url + "/", url_name):
            url += "/"  # a route like `login/?$`: reverse() leaves the optional slash out
        found.append(url)
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

    def job() -> dict:
        answers = {text: answer(*text.split(" ", 1)) for text in requests}
        return {"routes": app_routes(), "answers": answers}

    return in_stage.main(job)


if __name__ == "__main__":
    raise SystemExit(main())
