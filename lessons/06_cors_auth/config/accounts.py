"""User names and password changes, as a token-only API needs them.

dj-rest-auth and django-allauth do the work; each class here changes one thing they do, and is
named in config/settings.py (``ACCOUNT_ADAPTER``, ``REST_AUTH``). Sign-up is in config/views.py.
"""

import unicodedata

from allauth.account.adapter import DefaultAccountAdapter
from confusable_homoglyphs import confusables
from dj_rest_auth import serializers as rest_auth_serializers
from django.core.exceptions import ValidationError
from rest_framework.authtoken.models import Token


class AccountAdapter(DefaultAccountAdapter):
    """allauth's rules for user names, plus two against look-alike (혼동 문자) names; no session.

    ``ｈｏｎｇ`` (full-width letters) becomes ``hong`` by Unicode NFKC normalisation, as Django's
    own user forms do, and is then a duplicate like any other. ``hоng`` with a Cyrillic ``о`` looks
    the same as ``hong`` but no normalisation maps it there: a name that mixes scripts with letters
    that can pass for Latin ones is refused (confusable-homoglyphs, the check django-registration
    uses). Sign-up and ``PUT /accounts/user/`` both clean a name here.
    """

    def clean_username(self, username, shallow=False):
        username = unicodedata.normalize('NFKC', username)
        if confusables.is_dangerous(username, preferred_aliases=['latin']):
            raise ValidationError(
                'This username mixes letters that look alike from different '
                'alphabets. Please use letters of one alphabet.'
            )
        return super().clean_username(username, shallow=shallow)

    def unstash_verified_email(self, request):
        # allauth sets this session key to None at every sign-up, which alone writes a session
        # row and a sessionid cookie. Nothing is ever stashed here: only read it.
        return request.session.pop('account_verified_email', None)


class UserDetailsSerializer(rest_auth_serializers.UserDetailsSerializer):
    """``GET``/``PUT /accounts/user/``: a user may send their own name back unchanged.

    dj-rest-auth checks a new name with allauth's ``clean_username``, which finds the name taken,
    by the very user who sends it.
    """

    def validate_username(self, username):
        username = unicodedata.normalize('NFKC', username)
        if (
            self.instance is not None
            and username.casefold() == self.instance.get_username().casefold()
        ):
            return username  # their own name, perhaps in other capitals: not "taken"
        return super().validate_username(username)


class PasswordChangeSerializer(rest_auth_serializers.PasswordChangeSerializer):
    """``POST /accounts/password/change/``: every token issued before the change stops working.

    A token is a password of its own; one that leaked must not outlive the password change that
    was meant to lock the thief out. The client logs in again for a new token. (That the old
    password is required is a setting: ``OLD_PASSWORD_FIELD_ENABLED``.)
    """

    def save(self):
        super().save()
        Token.objects.filter(user=self.user).delete()
