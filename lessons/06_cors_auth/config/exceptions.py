"""How the API answers errors: DRF's exception handler, with the method checked first."""

from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler

REFUSALS = (
    exceptions.NotAuthenticated,
    exceptions.AuthenticationFailed,
    exceptions.PermissionDenied,
)


def exception_handler(exc, context):
    """DRF's handler, except that a method the route does not have is 405 for everyone.

    DRF authenticates and checks permissions before it looks for the method's handler, so an
    anonymous ``DELETE /api/v1/articles/`` would be told 401 (sign in!), and then, signed in, 405.
    The method is the first thing wrong with such a request, so it is answered first: 405 with an
    ``Allow`` header, whoever asks.
    """
    request, view = context['request'], context['view']
    if isinstance(exc, REFUSALS) and request.method not in view.allowed_methods:
        exc = exceptions.MethodNotAllowed(request.method)
    return drf_exception_handler(exc, context)
