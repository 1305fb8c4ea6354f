import django_filters

from .models import Article, Comment


class ArticleFilter(django_filters.FilterSet):
    """`?user=<id>`, `?author=<username>`, `?created_after=` / `?created_before=` (ISO 8601)."""

    author = django_filters.CharFilter(field_name="user__username")
    created_after = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="gte")
    created_before = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="lte")

    class Meta:
        model = Article
        fields = ["user", "author", "created_after", "created_before"]


class CommentFilter(django_filters.FilterSet):
    """`?article=<id>`, `?user=<id>`."""

    class Meta:
        model = Comment
        fields = ["article", "user"]
