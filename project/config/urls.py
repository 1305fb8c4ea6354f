"""
URL configuration.

/api/v1/        the articles app (viewsets behind a router)
/accounts/      sign-up, token sign-in, JWT sign-in
/api/schema/    the OpenAPI 3 schema, /api/docs/ its Swagger UI page
/admin/         Django's admin, where staff moderate
"""

from dj_rest_auth.registration.views import RegisterView
from dj_rest_auth.views import LoginView, LogoutView, PasswordChangeView, UserDetailsView
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework_simplejwt.views import (
    TokenBlacklistView,
    TokenObtainPairView,
    TokenRefreshView,
    TokenVerifyView,
)

from . import views

# Only the auth routes the course uses are listed one by one, rather than
# include("dj_rest_auth.urls"): the password-reset routes would need e-mail
# addresses and front-end pages this API does not have.
accounts_patterns = [
    # Token sign-in (lesson 06): {"key": ...}, sent back as `Authorization: Token <key>`.
    path("signup/", RegisterView.as_view(), name="rest_register"),
    path("login/", LoginView.as_view(), name="rest_login"),
    path("logout/", LogoutView.as_view(), name="rest_logout"),
    path("user/", UserDetailsView.as_view(), name="rest_user_details"),
    path("password/change/", PasswordChangeView.as_view(), name="rest_password_change"),
    # JWT sign-in: {"access", "refresh"}, sent back as `Authorization: Bearer <access>`.
    path("jwt/create/", TokenObtainPairView.as_view(), name="jwt_create"),
    path("jwt/refresh/", TokenRefreshView.as_view(), name="jwt_refresh"),
    path("jwt/verify/", TokenVerifyView.as_view(), name="jwt_verify"),
    path("jwt/logout/", TokenBlacklistView.as_view(), name="jwt_logout"),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("articles.urls")),
    path("accounts/", include(accounts_patterns)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
]

# With DEBUG off, unknown paths and crashes answer JSON like the rest of the API.
handler404 = views.not_found
handler500 = views.server_error
