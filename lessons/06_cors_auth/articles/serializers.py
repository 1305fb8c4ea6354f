from django.contrib.auth import get_user_model
from rest_framework import serializers

from .models import Article, Comment


class ArticleListSerializer(serializers.ModelSerializer):
    """The list shows only what a reader needs to pick an article."""

    class Meta:
        model = Article
        fields = ('id', 'title')


class UserSerializer(serializers.ModelSerializer):
    """A user as the admin-only user list shows it: never the password hash."""

    class Meta:
        model = get_user_model()
        fields = ('id', 'username', 'is_staff')


class CommentSerializer(serializers.ModelSerializer):
    """A comment; its article comes from the URL and its author from the token, so clients may
    read both but never send them."""

    class Meta:
        model = Comment
        fields = '__all__'
        read_only_fields = ('article', 'user')


class ArticleSerializer(serializers.ModelSerializer):
    """An article with its comments nested and their count.

    Both fields are declared here, so ``read_only_fields`` does not reach them: each needs
    ``read_only=True`` itself. ``source`` points a field at something the model has under another
    name: ``comment_set.count`` calls the reverse manager's ``count()``.
    """

    comment_set = CommentSerializer(many=True, read_only=True)
    comment_count = serializers.IntegerField(source='comment_set.count', read_only=True)

    class Meta:
        model = Article
        fields = '__all__'
        read_only_fields = ('user',)  # the author is whoever the token says, never what is sent
