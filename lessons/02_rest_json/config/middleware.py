"""Two small middlewares for answers that Django would otherwise give badly.

Both stand in ``MIDDLEWARE`` (config/settings.py). A middleware sees every request before the
views and every response after them.
"""

import logging

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.middleware import common
from django.utils.http import escape_leading_slashes

logger = logging.getLogger('django.request')

SAFE_METHODS = ('GET', 'HEAD', 'OPTIONS')


class CommonMiddleware(common.CommonMiddleware):
    """Django's CommonMiddleware, except that APPEND_SLASH redirects a write with 308.

    ``GET /articles`` gets a 301 to ``/articles/``, and the browser asks again. For a write Django
    cannot do that: a client that follows a 301 sends the POST again as a GET (the body is lost, and
    the answer is a list instead of an error), so with DEBUG on Django raises an error (a 500) and
    with DEBUG off answers the 301 anyway. A 308 Permanent Redirect tells the client to send the
    same method and the same body to the path with the slash.
    """

    def get_full_path_with_slash(self, request):
        # Django's version raises RuntimeError for a write in DEBUG; a 308 makes that needless.
        return escape_leading_slashes(request.get_full_path(force_append_slash=True))

    def process_response(self, request, response):
        if (request.method not in SAFE_METHODS and response.status_code == 404
                and self.should_redirect_with_slash(request)):
            return HttpResponsePermanentRedirect(self.get_full_path_with_slash(request),
                                                 preserve_request=True)  # 308, not 301
        return super().process_response(request, response)


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
            request.GET  # TooManyFieldsSent: a query string with too many fields
        except SuspiciousOperation as exc:
            return self.process_exception(request, exc)
        return self.get_response(request)

    def process_exception(self, request, exception):
        """Called with any exception a view raises (DRF's own API errors never get here)."""
        if isinstance(exception, RequestDataTooBig):
            return refusal(413, 'The request body is larger than the server accepts '
                                f'({settings.DATA_UPLOAD_MAX_MEMORY_SIZE} bytes).')
        if isinstance(exception, SuspiciousOperation):
            return refusal(400, str(exception) or 'Bad request.')
        logger.error('Internal Server Error: %s', request.path, exc_info=exception)
        return refusal(500, 'Server error.')
