"""The accounts view that config/urls.py routes to before dj-rest-auth's own."""

from dj_rest_auth.app_settings import api_settings
from dj_rest_auth.registration.views import RegisterView


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
