"""django-axes hooks: who the client is, and the answer to a locked-out sign-in."""

from django.conf import settings
from django.http import JsonResponse
from rest_framework import status
from rest_framework.throttling import BaseThrottle


def client_ip(request):
    """The client's address as DRF's throttles see it: X-Forwarded-For only behind
    DJANGO_NUM_PROXIES proxies, otherwise the socket's address (the header is the client's)."""
    return BaseThrottle().get_ident(request)


def lockout_response(request, original_response=None, credentials=None):
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    response = JsonResponse(
        {
            "detail": f"Too many failed sign-ins for this account or from this client: "
            f"try again in {minutes} minutes."
        },
        status=status.HTTP_429_TOO_MANY_REQUESTS,
    )
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response
