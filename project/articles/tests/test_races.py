"""Issue 10, kind 6: a write that loses a race with a DELETE is a 404, never a resurrected row.

The DELETE is made to land at the worst moment: after the view has read the row and checked
permissions, before it writes. (tests/test_contract_project.py runs the real race, many times,
against a live server.)
"""

from unittest import mock

from django.db import DatabaseError, transaction
from django.urls import reverse
from rest_framework import status

from articles.models import Article, Comment
from articles.permissions import IsAuthorOrReadOnly
from articles.serializers import CommentSerializer

from .base import APITestBase


def deleted_meanwhile(request, view, obj):
    type(obj).objects.filter(pk=obj.pk).delete()
    return True


class RaceTests(APITestBase):
    def setUp(self):
        super().setUp()
        self.sign_in(self.alice)

    def test_put_of_an_article_deleted_meanwhile_is_404(self):
        url = reverse("article-detail", kwargs={"pk": self.article.pk})
        with mock.patch.object(
            IsAuthorOrReadOnly, "has_object_permission", side_effect=deleted_meanwhile
        ):
            response = self.client.put(url, {"title": "back?", "content": "no"})
        self.assertEqual(response.status_code, status.HTTP_404_NOT_FOUND)
        self.assertIn("detail", response.json())
        self.assertFalse(Article.objects.filter(pk=self.article.pk).exists())

    def test_put_of_a_comment_deleted_meanwhile_is_404(self):
        url = reverse("comment-detail", kwargs={"pk": self.comment.pk})
        with mock.patch.object(
            IsAuthorOrReadOnly, "has_object_permission", side_effect=deleted_meanwhile
        ):
            response = self.client.put(url, {"content": "back?"})
        self.assertEqual(response.status_code, status.HTTP_404_NOT_FOUND)
        self.assertFalse(Comment.objects.filter(pk=self.comment.pk).exists())

    def test_comment_on_an_article_deleted_meanwhile_is_404(self):
        def delete_article(attrs):
            Article.objects.filter(pk=self.article.pk).delete()
            return attrs

        url = reverse("article-comment-create", kwargs={"article_pk": self.article.pk})
        with mock.patch.object(CommentSerializer, "validate", side_effect=delete_article):
            response = self.client.post(url, {"content": "hello?"})
        self.assertEqual(response.status_code, status.HTTP_404_NOT_FOUND)
        self.assertFalse(Comment.objects.exists())

    def test_saving_a_loaded_row_never_inserts_it_again(self):
        article = Article.objects.get(pk=self.article.pk)
        Article.objects.filter(pk=article.pk).delete()
        with self.assertRaises(DatabaseError), transaction.atomic():
            article.save()
        self.assertFalse(Article.objects.filter(pk=article.pk).exists())
