"""The API agreement, read from the running code, for the notebooks: every route of a stage's
URLconf, with its name, its view, the methods it answers, and (for DRF views) its authentication
and permission classes.

A notebook shows it with ``display(Markdown(routes_markdown()))``, so the table a lesson talks
about is generated live from ``urls.py`` and the views, never typed by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

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


def _methods(view) -> tuple[str, ...]:
    cls = getattr(view, "cls", None) or getattr(view, "view_class", None)
    if cls is not None:
        actions = getattr(view, "actions", None)  # a ViewSet's route maps methods to actions
        allowed = {m.upper() for m in cls.http_method_names}  # a view may turn some methods off
        names = (
            {m.upper() for m in actions}
            if actions
            else {m.upper() for m in cls.http_method_names if hasattr(cls, m)}
        )
        names &= allowed
        return tuple(m for m in ORDER if m in names - AUTOMATIC)
    return ()  # a plain function: whatever it does with request.method


def routes(prefix_filter: tuple[str, ...] = ("admin/",)) -> list[Route]:
    """Every route of the current Django project (``ROOT_URLCONF``), in the order Django tries them.

    Routes under a prefix in ``prefix_filter`` are left out (the admin's dozens by default).
    """
    from django.urls import get_resolver
    from django.urls.resolvers import URLResolver

    found: list[Route] = []

    def walk(patterns, prefix="", namespace=""):
        for entry in patterns:
            route = prefix + str(entry.pattern).lstrip("^").rstrip("$")
            if route.startswith(prefix_filter):
                continue
            if isinstance(entry, URLResolver):
                inner = namespace + (entry.namespace + ":" if entry.namespace else "")
                walk(entry.url_patterns, route, inner)
                continue
            view = entry.callback
            cls = getattr(view, "cls", None)
            found.append(
                Route(
                    route=route,
                    name=namespace + entry.name if entry.name else "",
                    view=f"{view.__module__}.{getattr(view, '__name__', type(view).__name__)}",
                    methods=_methods(view),
                    authentication=tuple(
                        c.__name__ for c in getattr(cls, "authentication_classes", ())
                    ),
                    permissions=tuple(c.__name__ for c in getattr(cls, "permission_classes", ())),
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
