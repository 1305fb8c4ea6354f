"""Real URLs a person can click, made from a stage's URLconf and the rows in its database.

``python -m course serve`` prints them as "worth trying". A route such as ``articles/<int:pk>/``
or a router's ``articles/(?P<pk>[^/.]+)/`` is turned into ``/api/v1/articles/1/`` with
``reverse()``: a parameter named ``pk`` (or ``id``) takes the first primary key of the model the
segment before it names (``articles`` -> ``Article``), ``article_pk`` the first ``Article``. Routes
with a parameter nothing can fill (an e-mail confirmation key), format suffixes and the admin are
left out. Runs inside the stage's Django (``course.prepare --urls``).
"""

from __future__ import annotations

import re

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
            if not entry.name or entry.name == "api_not_found" or "format" in names:
                continue  # nameless, a catch-all, or a format suffix: nothing to try by hand
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
    return bool(view_class and issubclass(view_class, TemplateView)
                and not view_class.template_name and not (getattr(view, "view_initkwargs", {}) or {}).get("template_name"))


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
        segments = [s for s in re.split(r"[/^$]", route[: match.start()]) if re.fullmatch(r"[\w-]+", s)]
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
