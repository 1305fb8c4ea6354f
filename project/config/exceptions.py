"""DRF's exception handler, with the method checked before who is asking."""

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
    anonymous `DELETE /accounts/user/` would be told 401 (sign in!), and then, signed in, 405.
    The method is the first thing wrong with such a request: 405 with `Allow`, whoever asks.
    """
    request, view = context.get("request"), context.get("view")
    if (
        isinstance(exc, REFUSALS)
        and request is not None
        and request.method not in getattr(view, "allowed_methods", [request.method])
    ):
        exc = exceptions.MethodNotAllowed(request.method)
    return drf_exception_handler(exc, context)
