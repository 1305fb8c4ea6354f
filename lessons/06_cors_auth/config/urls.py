"""The stage's URLs: the admin, the accounts API (sign up, log in, log out, the user), and the
articles app at the site's root."""

from dj_rest_auth.views import PasswordResetConfirmView
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path('admin/', admin.site.urls),
    path('accounts/', include('dj_rest_auth.urls')),  # login/, logout/, user/, password/...
    path('accounts/signup/', include('dj_rest_auth.registration.urls')),
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
