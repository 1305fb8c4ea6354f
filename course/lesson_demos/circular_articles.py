"""Lesson 04: one half of a truly mutual pair of serializers split over two modules.

Each module imports the other's serializer at its top. Importing this one starts running it,
which imports ``circular_comments``, which asks this module, not finished yet, for a name it has
not defined: ``ImportError: cannot import name ... (most likely due to a circular import)``.
"""

from rest_framework import serializers

from articles.models import Article

from .circular_comments import CommentWithArticleSerializer


class ArticleWithCommentsSerializer(serializers.ModelSerializer):
    comment_set = CommentWithArticleSerializer(many=True, read_only=True)

    class Meta:
        model = Article
        fields = ("id", "title", "comment_set")
