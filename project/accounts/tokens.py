"""Revoking a user's credentials, whenever their password changes."""

from django.conf import settings
from django.db.models.signals import post_save, pre_save
from rest_framework.authtoken.models import Token
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken


def revoke_all_tokens(user):
    """Delete the user's DRF token and blacklist every refresh token issued to them."""
    Token.objects.filter(user=user).delete()
    outstanding = OutstandingToken.objects.filter(user=user, blacklistedtoken__isnull=True)
    BlacklistedToken.objects.bulk_create(
        [BlacklistedToken(token=t) for t in outstanding], ignore_conflicts=True
    )


def note_password_change(sender, instance, update_fields=None, **kwargs):
    """pre_save: does this save write a password other than the stored one?"""
    instance._password_replaced = False
    if instance.pk is None or (update_fields is not None and "password" not in update_fields):
        return
    stored = sender.objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    instance._password_replaced = stored is not None and stored != instance.password


def revoke_on_password_change(sender, instance, created=False, **kwargs):
    """post_save: a new password ends every credential issued before it, whichever way it was set
    (POST /accounts/password/change/, the admin's form, `manage.py changepassword`, a reset).
    JWT access tokens end by themselves: they carry a hash of the password (CHECK_REVOKE_TOKEN)."""
    if getattr(instance, "_password_replaced", False):
        instance._password_replaced = False
        revoke_all_tokens(instance)


def connect():
    pre_save.connect(note_password_change, sender=settings.AUTH_USER_MODEL)
    post_save.connect(revoke_on_password_change, sender=settings.AUTH_USER_MODEL)
