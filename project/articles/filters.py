import django_filters
from rest_framework import filters

from .models import Article, Comment


class SearchFilter(filters.SearchFilter):
    """DRF's search, minus NUL characters, which PostgreSQL refuses in a query (a 500)."""

    def get_search_terms(self, request):
        return [term.replace("\x00", "") for term in super().get_search_terms(request) if term.replace("\x00", "")]


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
