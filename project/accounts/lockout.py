"""django-axes hooks: which account and which client a sign-in is for, and the answer to a
locked-out one."""

import unicodedata

from django.conf import settings
from django.http import JsonResponse
from rest_framework import status
from rest_framework.throttling import BaseThrottle


def client_ip(request):
    """The client's address as DRF's throttles see it: X-Forwarded-For only behind
    DJANGO_NUM_PROXIES proxies, otherwise the socket's address (the header is the client's)."""
    return BaseThrottle().get_ident(request)


def account_name(request, credentials=None):
    """The account a sign-in is for, as every spelling that signs in as it would write it.

    allauth's backend finds the user case-insensitively, and sign-up stores names NFKC-normalised,
    so `ALICE`, `Alice` and full-width `ａｌｉｃｅ` are all `alice`: their failures count together,
    and a lockout of one is a lockout of all (NFKC, then case folding).
    """
    source = credentials if credentials is not None else getattr(request, "data", request.POST)
    name = source.get("username") if hasattr(source, "get") else None  # a JSON list has no names
    if not isinstance(name, str):
        return name
    return unicodedata.normalize("NFKC", name).casefold()


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
