from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Sign-up and sign-in as this API answers them: dj-rest-auth, allauth, simplejwt and
    django-axes, with the few changes that make their answers tell the truth."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"

    def ready(self):
        from . import tokens

        tokens.connect()  # a new password revokes every earlier token
