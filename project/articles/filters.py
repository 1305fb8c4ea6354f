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
    # A word becomes a LIKE pattern; SQLite refuses one over 50,000 bytes ("LIKE or GLOB pattern
    # too complex"), a 500. No title (100) or comment is searched for with a longer word.
    max_term_length = 200
    search_description = (
        f"Words to find in the text (at most {max_terms}, each at most {max_term_length} "
        "characters); a row must contain all of them."
    )

    def get_search_terms(self, request):
        terms = super().get_search_terms(request)
        if len(terms) > self.max_terms:
            raise ValidationError({self.search_param: [f"At most {self.max_terms} words."]})
        if any(len(term) > self.max_term_length for term in terms):
            raise ValidationError(
                {self.search_param: [f"A word has at most {self.max_term_length} characters."]}
            )
        return terms


class OrderingFilter(filters.OrderingFilter):
    """DRF's `?ordering=`, always ending with a unique column.

    A client's ordering replaces the model's `Meta.ordering`, and with it the `id` that makes the
    order total. Rows that tie (two articles with one title) may then come back in any order, and
    on PostgreSQL they do, differently for each page's query: pages repeat some rows and skip
    others. `id` (in the direction of the last field) breaks every tie.
    """

    def get_ordering(self, request, queryset, view):
        ordering = super().get_ordering(request, queryset, view)
        if not ordering or any(field.lstrip("-") in {"id", "pk"} for field in ordering):
            return ordering
        tie_breaker = "-id" if str(ordering[-1]).startswith("-") else "id"
        return [*ordering, tie_breaker]
