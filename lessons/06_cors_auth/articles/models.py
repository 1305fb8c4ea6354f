from django.conf import settings
from django.db import models


class Article(models.Model):
    """One article: the resource every stage of the course serves."""

    # The author. settings.AUTH_USER_MODEL, not User itself, so a project may swap in its own user.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    title = models.CharField(max_length=100)
    content = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ['-pk']  # newest first, in the pages and in every API list

    def __str__(self):
        return self.title


class Comment(models.Model):
    """A comment belongs to one article; an article has many comments (1:N)."""

    # No related_name: the reverse accessor keeps Django's default, article.comment_set.
    article = models.ForeignKey(Article, on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)  # its author
    content = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ['-pk']

    def __str__(self):
        return f'{self.article_id}: {self.content[:30]}'
