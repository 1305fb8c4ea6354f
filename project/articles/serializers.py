from datetime import timezone
from functools import cached_property

from urllib.parse import urlencode

from django.db import models
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import ISO_8601, serializers
from rest_framework.fields import SkipField
from rest_framework.settings import api_settings

from .models import Article, Comment


class UTCDateTimeField(serializers.DateTimeField):
    """DRF's DateTimeField, minus its per-value time-zone lookup.

    The database hands back aware UTC datetimes (USE_TZ, TIME_ZONE = "UTC");
    writing them out is all that is left to do. Same output as DRF's
    ("2025-01-31T12:00:00.123456Z"), a third of the cost on long lists.
    Only for DRF's default output format (the DATETIME_FORMAT setting left at
    ISO 8601); anything else goes through DRF's own code.
    """

    def to_representation(self, value):
        if not value or api_settings.DATETIME_FORMAT != ISO_8601 or value.tzinfo is None:
            return super().to_representation(value)
        text = value.astimezone(timezone.utc).isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text


class APISerializer(serializers.ModelSerializer):
    """ModelSerializer, tuned for long lists; the JSON it writes is unchanged.

    - every model DateTimeField becomes a UTCDateTimeField (through the public
      `serializer_field_mapping`);
    - to_representation walks the readable fields, listed once per serializer
      from its public `fields`, rather than filtering every field again for
      every row.
    """

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DateTimeField: UTCDateTimeField,
    }

    @cached_property
    def readable_fields(self):
        return [field for field in self.fields.values() if not field.write_only]

    def to_representation(self, instance):
        ret = {}
        for field in self.readable_fields:
            try:
                attribute = field.get_attribute(instance)
            except SkipField:
                continue
            ret[field.field_name] = (
                None if attribute is None else field.to_representation(attribute)
            )
        return ret


class CommentSerializer(APISerializer):
    """A comment. `article` and `user` are set by the server, never by the client."""

    # The raw foreign-key columns: set by the server, and cheaper to read than
    # a PrimaryKeyRelatedField (no related-object lookup per value).
    article = serializers.IntegerField(source="article_id", read_only=True)
    user = serializers.IntegerField(source="user_id", read_only=True)
    # From the queryset's annotation (Comment.objects.for_api()): no User object per row.
    username = serializers.CharField(read_only=True)

    class Meta:
        model = Comment
        fields = ["id", "article", "content", "user", "username", "created_at", "updated_at"]


class ArticleListSerializer(APISerializer):
    """An article in a list: no body, no comments, just enough to pick one."""

    user = serializers.IntegerField(source="user_id", read_only=True)
    # Both from Article.objects.for_api(): counted and joined in SQL, not per row.
    username = serializers.CharField(read_only=True)
    comment_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Article
        fields = ["id", "title", "user", "username", "comment_count", "created_at", "updated_at"]


# How many comments an article's detail nests; the rest are a page of /api/v1/comments/ away.
NESTED_COMMENTS = 20


class ArticleSerializer(APISerializer):
    """The whole article, with its first comments nested, as the detail route and writes return it.

    Anyone signed in may comment on any article, so the comments are bounded: the first
    NESTED_COMMENTS (oldest first), `comment_count` for all of them, and `comments_url`, the
    paginated list of every comment of this article.
    """

    user = serializers.IntegerField(source="user_id", read_only=True)  # set from the token
    username = serializers.CharField(read_only=True)
    # The view prefetches only the first NESTED_COMMENTS (ArticleViewSet.get_queryset).
    comment_set = CommentSerializer(
        source="first_comments",
        many=True,
        read_only=True,
        help_text=f"The first {NESTED_COMMENTS} comments, oldest first; all of them are at "
        "`comments_url`.",
    )
    comment_count = serializers.IntegerField(
        read_only=True, help_text="How many comments the article has, nested or not."
    )
    comments_url = serializers.SerializerMethodField(
        help_text="Every comment of this article, paginated (/api/v1/comments/?article=<id>)."
    )

    @extend_schema_field(OpenApiTypes.URI)
    def get_comments_url(self, article):
        url = f"{reverse('comment-list')}?{urlencode({'article': article.pk})}"
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url

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
            "comments_url",
        ]
