"""Two small middlewares for answers that Django would otherwise give badly.

Both stand in ``MIDDLEWARE`` (config/settings.py). A middleware sees every request before the
views and every response after them.
"""

import logging

from django.conf import settings
from django.core.exceptions import (
    BadRequest,
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
)
from django.http import Http404, HttpResponsePermanentRedirect, JsonResponse
from django.urls import is_valid_path
from django.utils.http import escape_leading_slashes

logger = logging.getLogger('django.request')

SAFE_METHODS = ('GET', 'HEAD', 'OPTIONS')


class AppendSlashToWritesMiddleware:
    """APPEND_SLASH for writes: a 308 redirect, which keeps the method and the body.

    For ``GET /articles`` Django's CommonMiddleware answers 301 to ``/articles/``, and the client
    asks again. A write it cannot send on that way: a client that follows a 301 sends a POST again
    as a GET, without its body (the answer is the list, and nothing is created), so with DEBUG on
    Django raises an error instead (a 500), and with DEBUG off answers the 301 anyway. Here a write
    to a path that exists only with the slash gets 308 Permanent Redirect first: the client sends
    the same method and the same body to the path with the slash.

    Just above CommonMiddleware, which goes on answering reads as before.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if request.method not in SAFE_METHODS and settings.APPEND_SLASH and not path.endswith('/'):
            urlconf = getattr(request, 'urlconf', None)
            if not is_valid_path(path, urlconf) and is_valid_path(f'{path}/', urlconf):
                with_slash = escape_leading_slashes(request.get_full_path(force_append_slash=True))
                return HttpResponsePermanentRedirect(with_slash, preserve_request=True)  # 308
        return self.get_response(request)


def refusal(status, detail):
    return JsonResponse({'detail': detail}, status=status)


class JSONRefusalMiddleware:
    """Django's own refusals, and any error a view lets escape, answered as JSON.

    Django refuses a ``Host`` header that is not in ALLOWED_HOSTS, a body over
    DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB) and more than DATA_UPLOAD_MAX_NUMBER_FIELDS (1000) fields
    with a 400 HTML page, with DEBUG on its debug page, which shows the settings. A client of an
    API expects JSON: here each is a 4xx whose ``detail`` says why (413 Content Too Large for a
    body over the limit). An exception that escapes a view is a JSON 500 that tells nothing of the
    code; its traceback goes to the server's console (the ``django.request`` logger).

    First in MIDDLEWARE, so that it checks the Host and the query string before any other
    middleware reads them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            request.get_host()  # DisallowedHost: a Host header not in ALLOWED_HOSTS
            request.GET  # noqa: B018 - reading it parses the query string: TooManyFieldsSent
        except SuspiciousOperation as exc:
            return self.process_exception(request, exc)
        return self.get_response(request)

    def process_exception(self, request, exception):
        """Called with any exception a view raises (DRF's own API errors never get here)."""
        if isinstance(exception, (Http404, PermissionDenied)):
            return None  # Django's 404 and 403, as usual
        if isinstance(exception, RequestDataTooBig):
            return refusal(
                413,
                'The request body is larger than the server accepts '
                f'({settings.DATA_UPLOAD_MAX_MEMORY_SIZE} bytes).',
            )
        if isinstance(exception, (SuspiciousOperation, BadRequest)):
            return refusal(400, str(exception) or 'Bad request.')
        logger.error('Internal Server Error: %s', request.path, exc_info=exception)
        return refusal(500, 'Server error.')
