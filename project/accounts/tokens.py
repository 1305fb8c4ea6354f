"""Revoking a user's credentials."""

from rest_framework.authtoken.models import Token
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken


def revoke_all_tokens(user):
    """Delete the user's DRF token and blacklist every refresh token issued to them."""
    Token.objects.filter(user=user).delete()
    outstanding = OutstandingToken.objects.filter(user=user, blacklistedtoken__isnull=True)
    BlacklistedToken.objects.bulk_create(
        [BlacklistedToken(token=t) for t in outstanding], ignore_conflicts=True
    )
