"""Lesson 04: the other half of the mutual pair (see ``circular_articles``)."""

from rest_framework import serializers

from articles.models import Comment

from .circular_articles import ArticleWithCommentsSerializer


class CommentWithArticleSerializer(serializers.ModelSerializer):
    article = ArticleWithCommentsSerializer(read_only=True)

    class Meta:
        model = Comment
        fields = ("id", "content", "article")
