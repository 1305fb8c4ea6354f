"""dj-rest-auth's views where their answers did not match what this API promises."""

from allauth.account.signals import user_signed_up
from dj_rest_auth import views
from dj_rest_auth.app_settings import api_settings
from dj_rest_auth.registration.views import RegisterView as BaseRegisterView
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework_simplejwt import views as jwt_views
from rest_framework_simplejwt.tokens import Token as JWT

from .lockout import lockout_response

KEY = inline_serializer("TokenKey", {"key": serializers.CharField(help_text="The DRF token.")})
DETAIL = inline_serializer("Detail", {"detail": serializers.CharField()})
EMPTY = OpenApiResponse(OpenApiTypes.OBJECT, description="An empty object, {}.")


class NoStore:
    """Answers that carry credentials or a user's details: `Cache-Control: no-store` (and
    Django's other never-cache headers), so no browser or proxy keeps a copy of them."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        add_never_cache_headers(response)
        return response


class AxesLockout:
    """Answer a locked-out sign-in with 429 (django-axes), in a DRF view.

    axes marks the request it was handed by authenticate(): in a DRF view that is DRF's Request,
    which axes' middleware never sees (it looks at Django's), so the view answers instead.
    """

    def finalize_response(self, request, response, *args, **kwargs):
        if getattr(request, "axes_locked_out", False):
            response = lockout_response(request)
        return super().finalize_response(request, response, *args, **kwargs)


@extend_schema(responses={200: KEY})
class LoginView(NoStore, AxesLockout, views.LoginView):
    """POST /accounts/login/ {username, password} -> 200 {"key": token}; 400; 429 when locked out."""


class TokenObtainPairView(NoStore, AxesLockout, jwt_views.TokenObtainPairView):
    """POST /accounts/jwt/create/ {username, password} -> 200 {access, refresh}; 401; 429 when locked out."""


class TokenRefreshView(NoStore, jwt_views.TokenRefreshView):
    """POST /accounts/jwt/refresh/ {refresh} -> 200 {access, refresh} (the old refresh token is
    blacklisted); 401 when the token is invalid, expired, blacklisted, or its user is gone,
    inactive or has changed the password."""


@extend_schema(responses={200: EMPTY})
class TokenVerifyView(NoStore, jwt_views.TokenVerifyView):
    """POST /accounts/jwt/verify/ {token} -> 200 {} when every other route would accept the token:
    signature, expiry and blacklist, and its user exists, is active and has the password the token
    was issued with; 401 otherwise (blacklisted included). Not a signature-only check."""


@extend_schema(responses={200: EMPTY})
class TokenBlacklistView(NoStore, jwt_views.TokenBlacklistView):
    """POST /accounts/jwt/logout/ {refresh} -> 200 {}, the refresh token is blacklisted; 401 when
    it is invalid, expired, already blacklisted, or its user is gone, inactive or has a new
    password."""


class UserDetailsView(NoStore, views.UserDetailsView):
    """GET / PUT /accounts/user/ with a token -> 200 the user (id, username, email, names); 400; 401."""


@extend_schema(responses={201: KEY})
class RegisterView(NoStore, BaseRegisterView):
    """POST /accounts/signup/ {username, password1, password2[, email]} -> 201 {"key": token}; 400.

    Token only: dj-rest-auth ends sign-up with allauth's complete_signup(), which also signs the
    new user into a session (sessionid, csrftoken and messages cookies, a session row), although
    this API has no sessions. Here the user is created, the token made, allauth's signal sent.
    """

    def perform_create(self, serializer):
        user = serializer.save(self.request)
        api_settings.TOKEN_CREATOR(self.token_model, user, serializer)
        user_signed_up.send(sender=user.__class__, request=self.request._request, user=user)
        return user


@extend_schema(request=None, responses={200: DETAIL})
class LogoutView(views.LogoutView):
    """POST /accounts/logout/ with `Authorization: Token <key>` -> 200, the token is deleted.

    A caller signed in with JWT gets 400 pointing to /accounts/jwt/logout/: this route revokes
    DRF tokens only, and a 200 here would leave the refresh token working.
    """

    def logout(self, request):
        if isinstance(request.auth, JWT):
            return Response(
                {
                    "detail": "Signed in with JWT: log out by POSTing {\"refresh\": <refresh token>} "
                    f"to {reverse('jwt_logout')}."
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        return super().logout(request)


@extend_schema(responses={200: DETAIL})
class PasswordChangeView(NoStore, AxesLockout, views.PasswordChangeView):
    """POST /accounts/password/change/ {old_password, new_password1, new_password2} -> 200; 400;
    429 when the account is locked out.

    The current password is required, and a wrong one counts as a failed sign-in of the account
    (django-axes): after AXES_FAILURE_LIMIT of them, 429 even with the right one. Every token
    issued before (the DRF token, JWT access and refresh tokens) stops working: the client signs
    in again with the new password.
    """

    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return Response(
            {
                "detail": "New password has been saved. Every earlier token is revoked: sign in again."
            }
        )


@extend_schema(responses={200: DETAIL})
class PasswordResetView(NoStore, views.PasswordResetView):
    """POST /accounts/password/reset/ {email} -> 200, the same answer for a known and an unknown
    address (nothing tells who is registered); a known one gets an e-mail with the reset link."""


@extend_schema(responses={200: DETAIL})
class PasswordResetConfirmView(NoStore, views.PasswordResetConfirmView):
    """POST /accounts/password/reset/confirm/ {uid, token, new_password1, new_password2} -> 200;
    400 for a wrong or used token. The new password revokes every earlier token of the account.
    GET of the e-mail's link (with uid and token in the path) is 405: the client POSTs them."""


@extend_schema(exclude=True)  # the e-mail's link, not an API operation: the route above is
class PasswordResetLinkView(PasswordResetConfirmView):
    """GET /accounts/password/reset/confirm/<uidb64>/<token>/ (the e-mail's link) -> 405 JSON."""
