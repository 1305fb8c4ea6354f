"""Serializers of /accounts/: the signed-in user, the password change, and the JWT routes."""

import unicodedata

from dj_rest_auth.serializers import PasswordChangeSerializer as BasePasswordChangeSerializer
from dj_rest_auth.serializers import UserDetailsSerializer as BaseUserDetailsSerializer
from django.contrib.auth import authenticate
from rest_framework import serializers
from rest_framework_simplejwt import serializers as jwt_serializers
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.exceptions import InvalidToken
from rest_framework_simplejwt.tokens import RefreshToken, UntypedToken


class UserDetailsSerializer(BaseUserDetailsSerializer):
    """dj-rest-auth's, with two corrections.

    - `email` is documented as plain text: sign-up does not ask for one, so it is often "",
      which is not an OpenAPI `format: email` value (the schema would contradict the answer).
    - Sending back one's own username (a PUT of what GET showed, perhaps in other capitals or
      full-width letters) is not "already taken" by oneself.
    """

    email = serializers.CharField(
        read_only=True, help_text="E-mail address; empty when none was given."
    )

    class Meta(BaseUserDetailsSerializer.Meta):
        pass

    def validate_username(self, username):
        username = unicodedata.normalize("NFKC", username)
        if (
            self.instance is not None
            and username.casefold() == self.instance.get_username().casefold()
        ):
            return username
        return super().validate_username(username)


class PasswordChangeSerializer(BasePasswordChangeSerializer):
    """dj-rest-auth's (with `old_password` required, REST_AUTH's OLD_PASSWORD_FIELD_ENABLED), and:

    - the old password is checked as a sign-in is, through authenticate(): a wrong one counts
      toward the account's lockout (django-axes), and a locked account gets 429, so a stolen
      token cannot be used to guess the password it does not know;
    - a change revokes every credential issued before it (accounts/tokens.py, on any password
      change): the DRF token and all JWT refresh tokens. The access tokens end too: they carry a
      hash of the password (simplejwt's CHECK_REVOKE_TOKEN).
    """

    def validate_old_password(self, value):
        user = authenticate(self.request, username=self.user.get_username(), password=value)
        if user is None or user.pk != self.user.pk:
            raise serializers.ValidationError(
                "Your old password was entered incorrectly. Please enter it again."
            )
        return value


def check_user(token):
    """Refuse (401) a token whose user is gone, inactive, or has changed the password since,
    the checks JWTAuthentication makes on every other route."""
    JWTAuthentication().get_user(token)


class TokenRefreshSerializer(jwt_serializers.TokenRefreshSerializer):
    """simplejwt's, with the user checked first: a deleted user's refresh token is a 401, not the
    500 of its `User.DoesNotExist`."""

    def validate(self, attrs):
        check_user(RefreshToken(attrs["refresh"]))
        return super().validate(attrs)


class TokenVerifySerializer(jwt_serializers.TokenVerifySerializer):
    """simplejwt's (signature, expiry, blacklist), plus the user's checks: a token that no other
    route accepts is not "valid" here either. Every refusal is a 401 (simplejwt answers a
    blacklisted token with 400)."""

    def validate(self, attrs):
        check_user(UntypedToken(attrs["token"]))
        try:
            return super().validate(attrs)
        except serializers.ValidationError:
            raise InvalidToken("Token is blacklisted.") from None


class TokenBlacklistSerializer(jwt_serializers.TokenBlacklistSerializer):
    """simplejwt's logout, refusing (401) a refresh token that no longer signs anyone in."""

    def validate(self, attrs):
        check_user(RefreshToken(attrs["refresh"]))
        return super().validate(attrs)
