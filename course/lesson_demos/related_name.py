"""Lesson 04: what ``related_name`` renames, on a variant of the stage's models.

The two models are declared under ``isolate_apps``: Django builds them (fields, reverse accessor,
query names) in a registry of their own, so the stage's app, its schema and its migrations are
untouched. Nothing here touches the database: the accessor and the query name are resolved by the
ORM before any SQL is run.
"""

from django.db import models
from django.test.utils import isolate_apps
from rest_framework import serializers

with isolate_apps("articles"):

    class RenamedArticle(models.Model):
        title = models.CharField(max_length=100)

        class Meta:
            app_label = "articles"

    class RenamedComment(models.Model):
        article = models.ForeignKey(
            RenamedArticle, on_delete=models.CASCADE, related_name="comments"
        )
        content = models.TextField()

        class Meta:
            app_label = "articles"


class StaleSerializer(serializers.ModelSerializer):
    """Still names the default accessor, as if ``related_name`` had not been added."""

    class Meta:
        model = RenamedArticle
        fields = ("id", "title", "comment_set")


class RenamedSerializer(serializers.ModelSerializer):
    """Follows the rename: the field is called after the new accessor."""

    comments = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = RenamedArticle
        fields = ("id", "title", "comments")
