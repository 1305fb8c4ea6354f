from django.conf import settings
from django.db import models
from django.db.models import Count, F

# Characters. TextField's max_length is checked by the serializers and published in the schema.
ARTICLE_CONTENT_MAX_LENGTH = 20_000
COMMENT_CONTENT_MAX_LENGTH = 2_000


class ArticleQuerySet(models.QuerySet):
    def for_api(self):
        """Everything the API shows, in one query: the author's name by JOIN and
        the number of comments by GROUP BY, rather than one query per row."""
        return (
            self.annotate(username=F("user__username"), comment_count=Count("comment"))
            # Django drops Meta.ordering from GROUP BY queries: say it again.
            .order_by(*self.model._meta.ordering)
        )


class CommentQuerySet(models.QuerySet):
    def for_api(self):
        """The author's name by JOIN: no User object built per comment."""
        return self.annotate(username=F("user__username"))


class UpdateNotInsert(models.Model):
    """A row loaded from the database is saved by UPDATE only, never INSERTed again.

    Django's save() falls back to an INSERT when its UPDATE finds no row: a PUT that races a
    DELETE of the same row would bring the row back after the DELETE answered 204. Forced, the
    UPDATE of a deleted row raises DatabaseError instead, which the views answer with 404.
    """

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding and not kwargs.get("force_insert"):
            kwargs["force_update"] = True
        super().save(*args, **kwargs)


class Article(UpdateNotInsert):
    """A post: a title, a body, and the user who wrote it."""

    title = models.CharField(max_length=100)
    # Bounded, so that no one can make every anonymous read of a page huge.
    content = models.TextField(max_length=ARTICLE_CONTENT_MAX_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="articles"
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        # Newest first; id breaks ties so pages never overlap or skip rows.
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["-created_at", "-id"], name="article_newest_idx")]

    def __str__(self):
        return self.title


class Comment(UpdateNotInsert):
    """A reply to an article, by a user."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE)  # article.comment_set
    content = models.TextField(max_length=COMMENT_CONTENT_MAX_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comments"
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        # A thread reads oldest first.
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.content[:50]
