from rest_framework import serializers

from .models import Article, Comment


class CommentSerializer(serializers.ModelSerializer):
    """A comment. `article` and `user` are set by the server, never by the client."""

    username = serializers.CharField(source="user.username", read_only=True)

    class Meta:
        model = Comment
        fields = ["id", "article", "content", "user", "username", "created_at", "updated_at"]
        read_only_fields = ["article", "user"]


class ArticleListSerializer(serializers.ModelSerializer):
    """An article in a list: no body, no comments, just enough to pick one."""

    username = serializers.CharField(source="user.username", read_only=True)
    # Filled by the view's annotate(): counting in SQL, not one query per row.
    comment_count = serializers.IntegerField(read_only=True, default=0)

    class Meta:
        model = Article
        fields = ["id", "title", "user", "username", "comment_count", "created_at", "updated_at"]
        read_only_fields = ["user"]


class ArticleSerializer(serializers.ModelSerializer):
    """The whole article, with its comments nested, as the detail route and writes return it."""

    username = serializers.CharField(source="user.username", read_only=True)
    comment_set = CommentSerializer(many=True, read_only=True)
    # default=0: a freshly created article has no comments and no annotation.
    comment_count = serializers.IntegerField(read_only=True, default=0)

    class Meta:
        model = Article
        fields = [
            "id",
            "title",
            "content",
            "user",
            "username",
            "created_at",
            "updated_at",
            "comment_count",
            "comment_set",
        ]
        read_only_fields = ["user"]
