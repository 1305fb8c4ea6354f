from django.db import models


class Article(models.Model):
    """One article: the resource every stage of the course serves."""

    title = models.CharField(max_length=100)
    content = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ['-pk']  # newest first, in the pages and in every API list

    def __str__(self):
        return self.title
