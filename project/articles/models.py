from django.conf import settings
from django.db import models


class Article(models.Model):
    """A post: a title, a body, and the user who wrote it."""

    title = models.CharField(max_length=100)
    content = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="articles"
    )

    class Meta:
        # Newest first; id breaks ties so pages never overlap or skip rows.
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["-created_at", "-id"], name="article_newest_idx")]

    def __str__(self):
        return self.title


class Comment(models.Model):
    """A reply to an article, by a user."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE)  # article.comment_set
    content = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comments"
    )

    class Meta:
        # A thread reads oldest first.
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.content[:50]
