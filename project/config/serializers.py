"""The signed-in user as /accounts/user/ shows it."""

from dj_rest_auth.serializers import UserDetailsSerializer as BaseUserDetailsSerializer
from rest_framework import serializers


class UserDetailsSerializer(BaseUserDetailsSerializer):
    """dj-rest-auth's, except that `email` is documented as plain text.

    Sign-up does not ask for an e-mail, so it is often "", which is not an
    OpenAPI `format: email` value: the schema would contradict the answer.
    """

    email = serializers.CharField(read_only=True, help_text="E-mail address; empty when none was given.")

    class Meta(BaseUserDetailsSerializer.Meta):
        pass
