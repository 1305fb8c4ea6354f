from django.urls import path

from . import views

# Only the auth routes the course uses are listed one by one, rather than
# include("dj_rest_auth.urls"): the password-reset routes would need e-mail
# addresses and front-end pages this API does not have.
urlpatterns = [
    # Token sign-in (lesson 06): {"key": ...}, sent back as `Authorization: Token <key>`.
    path("signup/", views.RegisterView.as_view(), name="rest_register"),
    path("login/", views.LoginView.as_view(), name="rest_login"),
    path("logout/", views.LogoutView.as_view(), name="rest_logout"),
    path("user/", views.UserDetailsView.as_view(), name="rest_user_details"),
    path("password/change/", views.PasswordChangeView.as_view(), name="rest_password_change"),
    # JWT sign-in: {"access", "refresh"}, sent back as `Authorization: Bearer <access>`.
    path("jwt/create/", views.TokenObtainPairView.as_view(), name="jwt_create"),
    path("jwt/refresh/", views.TokenRefreshView.as_view(), name="jwt_refresh"),
    path("jwt/verify/", views.TokenVerifyView.as_view(), name="jwt_verify"),
    path("jwt/logout/", views.TokenBlacklistView.as_view(), name="jwt_logout"),
]
