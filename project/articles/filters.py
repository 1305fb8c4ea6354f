from datetime import timezone

import django_filters
from django import forms
from django_filters.fields import IsoDateTimeField
from rest_framework import filters
from rest_framework.exceptions import ValidationError

from .models import Article, Comment


class UTCIsoDateTimeField(IsoDateTimeField):
    """An ISO 8601 date-time, refused (400) when it has no UTC equivalent.

    `0001-01-01T00:00:00+14:00` is a valid ISO 8601 value whose UTC time is in year 0: the
    database adapter's conversion would raise OverflowError, a 500.
    """

    def to_python(self, value):
        value = super().to_python(value)
        if value is not None and value.tzinfo is not None:
            try:
                value = value.astimezone(timezone.utc)
            except OverflowError:
                raise forms.ValidationError(
                    "Out of range once converted to UTC.", code="invalid"
                ) from None
        return value


class UTCIsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UTCIsoDateTimeField


class ArticleFilter(django_filters.FilterSet):
    """`?user=<id>`, `?author=<username>`, `?created_after=` / `?created_before=` (ISO 8601)."""

    author = django_filters.CharFilter(field_name="user__username")
    created_after = UTCIsoDateTimeFilter(field_name="created_at", lookup_expr="gte")
    created_before = UTCIsoDateTimeFilter(field_name="created_at", lookup_expr="lte")

    class Meta:
        model = Article
        fields = ["user", "author", "created_after", "created_before"]


class CommentFilter(django_filters.FilterSet):
    """`?article=<id>`, `?user=<id>`."""

    class Meta:
        model = Comment
        fields = ["article", "user"]


class SearchFilter(filters.SearchFilter):
    """DRF's `?search=`, with a bound on the number of words.

    Every word adds a condition per search field; a thousand words make an SQL expression that
    SQLite refuses ("Expression tree is too large"), a 500.
    """

    max_terms = 10
    search_description = (
        f"Words to find in the text (at most {max_terms}); a row must contain all of them."
    )

    def get_search_terms(self, request):
        terms = super().get_search_terms(request)
        if len(terms) > self.max_terms:
            raise ValidationError({self.search_param: [f"At most {self.max_terms} words."]})
        return terms
