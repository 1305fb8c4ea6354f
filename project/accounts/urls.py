from django.urls import path

from . import views

# The auth routes are listed one by one, rather than include("dj_rest_auth.urls") and its
# registration URLs: those also name e-mail-confirmation pages that have no template (a 500).
urlpatterns = [
    # Token sign-in (lesson 06): {"key": ...}, sent back as `Authorization: Token <key>`.
    path("signup/", views.RegisterView.as_view(), name="rest_register"),
    path("login/", views.LoginView.as_view(), name="rest_login"),
    path("logout/", views.LogoutView.as_view(), name="rest_logout"),
    path("user/", views.UserDetailsView.as_view(), name="rest_user_details"),
    path("password/change/", views.PasswordChangeView.as_view(), name="rest_password_change"),
    # Password reset by e-mail (printed on the console here): the same answer whether or not the
    # address is known; the new password revokes every earlier token (accounts/tokens.py).
    path("password/reset/", views.PasswordResetView.as_view(), name="rest_password_reset"),
    path(
        "password/reset/confirm/",
        views.PasswordResetConfirmView.as_view(),
        name="rest_password_reset_confirm",
    ),
    # The link in the e-mail: its uid and token are what a client POSTs to the route above.
    # dj-rest-auth builds the link from this name and fails (500) when the route is missing.
    path(
        "password/reset/confirm/<str:uidb64>/<str:token>/",
        views.PasswordResetLinkView.as_view(),
        name="password_reset_confirm",
    ),
    # JWT sign-in: {"access", "refresh"}, sent back as `Authorization: Bearer <access>`.
    path("jwt/create/", views.TokenObtainPairView.as_view(), name="jwt_create"),
    path("jwt/refresh/", views.TokenRefreshView.as_view(), name="jwt_refresh"),
    path("jwt/verify/", views.TokenVerifyView.as_view(), name="jwt_verify"),
    path("jwt/logout/", views.TokenBlacklistView.as_view(), name="jwt_logout"),
]
