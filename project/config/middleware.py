"""Middleware that keeps every answer of the API in JSON, including Django's own refusals.

Django answers some requests before any view runs, in HTML or plain text: a `Host` it does not
serve, a body over `DATA_UPLOAD_MAX_MEMORY_SIZE`, too many fields, a write to a URL without its
trailing slash (with DEBUG on, a RuntimeError). Anything a view lets escape becomes Django's
HTML 500 page, with DEBUG on the debug page with settings and paths. An API client parses none
of that, and an attacker learns from the debug page.
"""

import json
import logging

from django.conf import settings
from django.core.exceptions import (
    DisallowedHost,
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http import Http404, HttpResponsePermanentRedirect, JsonResponse
from django.middleware import common
from django.utils.http import escape_leading_slashes
from rest_framework import status

from .views import not_found

logger = logging.getLogger("django.request")

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def too_large():
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return JsonResponse(
        {"detail": f"Request body too large: the limit is {limit} bytes."},
        status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
    )


class JSONErrorsMiddleware:
    """First in MIDDLEWARE: refuses a bad `Host` and an oversized body before anything reads them,
    and turns an exception that escapes a view into a JSON answer without internals (DEBUG or not).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            request.get_host()
        except DisallowedHost:
            return JsonResponse(
                {"detail": "This server does not answer to that Host header."},
                status=status.HTTP_400_BAD_REQUEST,
            )
        try:
            request.GET  # noqa: B018 - parsed here, where TooManyFieldsSent is still a clean refusal
        except TooManyFieldsSent as exception:
            return self.process_exception(request, exception)
        # Django checks the size only when the body is read, and DRF reads the raw stream.
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is not None and length > limit:
            return too_large()
        response = self.get_response(request)
        if response.status_code == status.HTTP_404_NOT_FOUND and response.get(
            "Content-Type", ""
        ).startswith("text/html"):
            # DEBUG's page for an unknown URL (it lists every URL pattern): JSON, as without DEBUG.
            return not_found(request)
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, RequestDataTooBig):
            return too_large()
        if isinstance(exception, (TooManyFieldsSent, TooManyFilesSent)):
            return JsonResponse(
                {
                    "detail": "Too many fields: the limit is "
                    f"{settings.DATA_UPLOAD_MAX_NUMBER_FIELDS} (query string and form together)."
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        if isinstance(exception, SuspiciousOperation):
            return JsonResponse({"detail": "Bad request."}, status=status.HTTP_400_BAD_REQUEST)
        if isinstance(exception, (Http404, PermissionDenied)):
            return None  # Django's own 404/403 handling (config/views.py without DEBUG)
        # Logged in full for the people who run the server; the client learns nothing inside.
        logger.error(
            "Internal Server Error: %s",
            request.path,
            exc_info=exception,
            extra={"status_code": 500, "request": request},
        )
        return JsonResponse(
            {"detail": "Server error."}, status=status.HTTP_500_INTERNAL_SERVER_ERROR
        )


class CommonMiddleware(common.CommonMiddleware):
    """Django's CommonMiddleware, except for a write to a URL without its trailing slash.

    Django answers it with a 301, which clients replay as GET (the POST is lost and the list
    comes back, 200), or with DEBUG on a RuntimeError (500). Here it is a 308, which keeps the
    method and the body, with a JSON body that names the right URL.
    """

    def get_full_path_with_slash(self, request):
        # Django's, without the RuntimeError it raises for writes when DEBUG is on.
        return escape_leading_slashes(request.get_full_path(force_append_slash=True))

    def process_response(self, request, response):
        redirect = super().process_response(request, response)
        if redirect is not response and request.method in WRITE_METHODS:
            location = redirect["Location"]
            redirect = HttpResponsePermanentRedirect(
                location,
                preserve_request=True,  # 308, not 301
                content=json.dumps(
                    {"detail": f"This URL ends with a slash: {request.method} {location}"}
                ),
                content_type="application/json",
            )
        return redirect
