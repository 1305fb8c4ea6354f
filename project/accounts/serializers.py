"""Serializers of /accounts/: the signed-in user, and the password change."""

from dj_rest_auth.serializers import PasswordChangeSerializer as BasePasswordChangeSerializer
from dj_rest_auth.serializers import UserDetailsSerializer as BaseUserDetailsSerializer
from rest_framework import serializers

from .tokens import revoke_all_tokens


class UserDetailsSerializer(BaseUserDetailsSerializer):
    """dj-rest-auth's, with two corrections.

    - `email` is documented as plain text: sign-up does not ask for one, so it is often "",
      which is not an OpenAPI `format: email` value (the schema would contradict the answer).
    - Sending back one's own username unchanged (a PUT of what GET showed) is not "already taken".
    """

    email = serializers.CharField(
        read_only=True, help_text="E-mail address; empty when none was given."
    )

    class Meta(BaseUserDetailsSerializer.Meta):
        pass

    def validate_username(self, username):
        if self.instance is not None and username == self.instance.username:
            return username
        return super().validate_username(username)


class PasswordChangeSerializer(BasePasswordChangeSerializer):
    """dj-rest-auth's (with `old_password` required, REST_AUTH's OLD_PASSWORD_FIELD_ENABLED), and
    a change revokes every credential issued before it: the DRF token and all JWT refresh tokens.
    The access tokens end too: they carry a hash of the password (simplejwt's CHECK_REVOKE_TOKEN)."""

    def save(self):
        super().save()
        revoke_all_tokens(self.user)
