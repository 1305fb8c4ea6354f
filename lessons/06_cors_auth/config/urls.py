"""The stage's URLs: the admin, the accounts API (sign up, log in, log out, the user), and the
articles app at the site's root."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path('admin/', admin.site.urls),
    # dj-rest-auth: the sign-up route, and the routes of a signed-up user.
    path('accounts/signup/', include('dj_rest_auth.registration.urls')),
    path('accounts/', include('dj_rest_auth.urls')),  # login/, logout/, user/, password/...
    path('', include('articles.urls')),
]
