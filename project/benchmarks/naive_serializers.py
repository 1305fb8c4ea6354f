"""The "before" of the N+1 fix: the project's serializers reading through the relations.

What a first version writes: the author's name and the comment count reached through
``user.username`` and ``comment_set.count``, so each article costs queries of its own. Used by
``query_counts.py`` and by ``notebooks/project_performance.ipynb``; import it after Django is set up.
"""

from rest_framework import serializers

from articles.serializers import ArticleSerializer, CommentSerializer


class NaiveCommentSerializer(CommentSerializer):
    username = serializers.CharField(source="user.username", read_only=True)


class NaiveArticleSerializer(ArticleSerializer):
    username = serializers.CharField(source="user.username", read_only=True)
    comment_count = serializers.IntegerField(source="comment_set.count", read_only=True)
    comment_set = NaiveCommentSerializer(many=True, read_only=True)
