"""The stage's URLs: the admin, the accounts API (sign up, log in, log out, the user), and the
articles app at the site's root."""

from dj_rest_auth.views import PasswordResetConfirmView
from django.contrib import admin
from django.urls import include, path, re_path

from .views import EmailVerificationView, SignupView

urlpatterns = [
    path('admin/', admin.site.urls),
    # dj-rest-auth: the sign-up route, and the routes of a signed-up user. Sign-up is its view
    # with one change (config/views.py), so it comes before the include that also has it.
    path('accounts/signup/', SignupView.as_view(), name='rest_register'),
    # The two pages allauth's e-mails link to, which dj-rest-auth leaves without a template (a
    # 500): JSON that says where the key goes instead.
    # (re_path with an optional slash, as dj-rest-auth writes them, so no form reaches theirs)
    re_path(
        r'^accounts/signup/account-email-verification-sent/?$',
        EmailVerificationView.as_view(),
        name='account_email_verification_sent',
    ),
    re_path(
        r'^accounts/signup/account-confirm-email/(?P<key>[-:\w]+)/?$',
        EmailVerificationView.as_view(),
        name='account_confirm_email',
    ),
    path('accounts/signup/', include('dj_rest_auth.registration.urls')),
    path('accounts/', include('dj_rest_auth.urls')),  # login/, logout/, user/, password/...
    # The link in a password-reset e-mail (printed on the console). It carries the uid and the
    # token that a client then POSTs, with the new password, to accounts/password/reset/confirm/.
    # dj-rest-auth builds the link from this name and fails (500) when the route is missing.
    path(
        'accounts/password/reset/confirm/<str:uidb64>/<str:token>/',
        PasswordResetConfirmView.as_view(),
        name='password_reset_confirm',
    ),
    path('', include('articles.urls')),
]
