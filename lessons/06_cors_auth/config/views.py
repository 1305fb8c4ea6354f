"""The accounts views that config/urls.py routes to before dj-rest-auth's own."""

from dj_rest_auth.app_settings import api_settings
from dj_rest_auth.registration.views import RegisterView
from django.urls import reverse
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView


class SignupView(RegisterView):
    """dj-rest-auth's sign-up (``POST /accounts/signup/``), answering the token and nothing else.

    dj-rest-auth ends a sign-up with allauth's ``complete_signup``, which also signs the new user
    in with a session: a session row, ``sessionid`` and ``csrftoken`` cookies and a "signed in"
    message cookie, none of which a token client uses (log-in sets none either). Here sign-up
    creates the user and its token, and stops.
    """

    def perform_create(self, serializer):
        user = serializer.save(self.request)
        api_settings.TOKEN_CREATOR(self.token_model, user, serializer)
        return user


class EmailVerificationView(APIView):
    """``GET /accounts/signup/account-email-verification-sent/`` and
    ``GET /accounts/signup/account-confirm-email/<key>/``: 200, JSON that says what to do next.

    dj-rest-auth names these two routes for allauth's e-mail links but leaves them as template
    pages with no template (a 500 for anyone who opens them). An API answers in JSON: the key of a
    confirmation e-mail is POSTed to ``verify-email/`` (``{"key": ...}``).
    """

    permission_classes = [AllowAny]

    def get(self, request, key=None):
        return Response(
            {
                'detail': 'To confirm an e-mail address, POST its key as {"key": ...} to '
                + reverse('rest_verify_email')
                + '.',
                'key': key,
            }
        )
