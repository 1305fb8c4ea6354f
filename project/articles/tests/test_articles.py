"""The article and comment routes: shapes of the answers, 404s, Korean text."""

from django.urls import reverse
from rest_framework import status

from articles.models import Article, Comment

from .base import APITestBase

ARTICLE_FIELDS = {
    "id",
    "title",
    "content",
    "user",
    "username",
    "created_at",
    "updated_at",
    "comment_count",
    "comment_set",
    "comments_url",
}


class ArticleTests(APITestBase):
    def test_list_is_paginated(self):
        response = self.client.get(reverse("article-list"))
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        body = response.json()
        self.assertEqual(set(body), {"count", "next", "previous", "results"})
        self.assertEqual(body["count"], 1)
        self.assertEqual(body["results"][0]["title"], "첫 글")
        self.assertEqual(body["results"][0]["comment_count"], 1)
        self.assertLessEqual({"id", "title"}, set(body["results"][0]))

    def test_create_returns_the_whole_article(self):
        self.sign_in(self.alice)
        response = self.client.post(reverse("article-list"), {"title": "제목", "content": "내용"})
        self.assertEqual(response.status_code, status.HTTP_201_CREATED)
        body = response.json()
        self.assertEqual(set(body), ARTICLE_FIELDS)
        self.assertEqual((body["title"], body["content"]), ("제목", "내용"))
        self.assertEqual((body["user"], body["username"]), (self.alice.pk, "alice"))
        self.assertEqual((body["comment_count"], body["comment_set"]), (0, []))
        self.assertTrue(Article.objects.filter(pk=body["id"], title="제목").exists())

    def test_korean_round_trips_unchanged_as_utf8(self):
        self.sign_in(self.alice)
        text = "한국어 텍스트 ✓ — 그대로"
        response = self.client.post(reverse("article-list"), {"title": text, "content": text})
        # application/json is UTF-8 by definition (RFC 8259), and DRF writes the
        # characters themselves, not \\uXXXX escapes.
        self.assertEqual(response["Content-Type"], "application/json")
        self.assertIn(text.encode("utf-8"), response.content)
        url = reverse("article-detail", kwargs={"pk": response.json()["id"]})
        self.assertEqual(self.client.get(url).json()["content"], text)

    def test_detail_nests_comments_and_counts_them(self):
        Comment.objects.create(article=self.article, content="두 번째", user=self.bob)
        response = self.client.get(reverse("article-detail", kwargs={"pk": self.article.pk}))
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        body = response.json()
        self.assertEqual(set(body), ARTICLE_FIELDS)
        self.assertEqual(body["comment_count"], 2)
        self.assertEqual([c["content"] for c in body["comment_set"]], ["좋아요", "두 번째"])
        self.assertEqual(body["comment_set"][1]["username"], "bob")

    def test_update(self):
        self.sign_in(self.alice)
        url = reverse("article-detail", kwargs={"pk": self.article.pk})
        response = self.client.put(url, {"title": "고침", "content": "고친 내용"})
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        self.assertEqual(response.json()["title"], "고침")
        self.assertEqual(response.json()["comment_count"], 1)
        self.article.refresh_from_db()
        self.assertEqual(self.article.title, "고침")

    def test_delete_cascades_to_comments(self):
        self.sign_in(self.alice)
        response = self.client.delete(reverse("article-detail", kwargs={"pk": self.article.pk}))
        self.assertEqual(response.status_code, status.HTTP_204_NO_CONTENT)
        self.assertEqual(response.content, b"")
        self.assertFalse(Article.objects.exists())
        self.assertFalse(Comment.objects.exists())

    def test_missing_and_non_numeric_pks_are_404_json(self):
        self.sign_in(self.alice)
        for pk in ["999999", "abc", "99999999999999999999999"]:
            url = reverse("article-detail", kwargs={"pk": pk})
            for method in ("get", "put", "delete"):
                with self.subTest(pk=pk, method=method):
                    response = getattr(self.client, method)(url, {"title": "t", "content": "c"})
                    self.assertEqual(response.status_code, status.HTTP_404_NOT_FOUND)
                    self.assertIn("detail", response.json())

    def test_head_and_options(self):
        self.assertEqual(self.client.head(reverse("article-list")).status_code, status.HTTP_200_OK)
        response = self.client.options(reverse("article-list"))
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        self.assertEqual(response["Allow"], "GET, POST, HEAD, OPTIONS")


class CommentTests(APITestBase):
    def test_list_is_paginated(self):
        body = self.client.get(reverse("comment-list")).json()
        self.assertEqual(body["count"], 1)
        self.assertLessEqual({"id", "article", "content"}, set(body["results"][0]))

    def test_detail(self):
        response = self.client.get(reverse("comment-detail", kwargs={"pk": self.comment.pk}))
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        self.assertEqual(response.json()["article"], self.article.pk)

    def test_create_on_an_article_ignores_a_client_sent_article(self):
        other = Article.objects.create(title="other", content="c", user=self.bob)
        self.sign_in(self.bob)
        url = reverse("article-comment-create", kwargs={"article_pk": self.article.pk})
        response = self.client.post(
            url, {"content": "댓글", "article": other.pk, "user": self.alice.pk}
        )
        self.assertEqual(response.status_code, status.HTTP_201_CREATED)
        body = response.json()
        self.assertEqual(
            (body["article"], body["user"], body["content"]), (self.article.pk, self.bob.pk, "댓글")
        )
        self.assertEqual(self.article.comment_set.count(), 2)
        self.assertFalse(other.comment_set.exists())

    def test_create_on_a_missing_article_is_404_and_writes_nothing(self):
        self.sign_in(self.bob)
        for pk in ["999999", "abc"]:
            with self.subTest(pk=pk):
                url = reverse("article-comment-create", kwargs={"article_pk": pk})
                response = self.client.post(url, {"content": "댓글"})
                self.assertEqual(response.status_code, status.HTTP_404_NOT_FOUND)
                self.assertIn("detail", response.json())
        self.assertEqual(Comment.objects.count(), 1)

    def test_update_and_delete(self):
        self.sign_in(self.alice)
        url = reverse("comment-detail", kwargs={"pk": self.comment.pk})
        response = self.client.put(url, {"content": "고침"})
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        self.assertEqual(response.json()["content"], "고침")
        response = self.client.delete(url)
        self.assertEqual(response.status_code, status.HTTP_204_NO_CONTENT)
        self.assertEqual(self.client.get(url).status_code, status.HTTP_404_NOT_FOUND)

    def test_missing_comment_is_404(self):
        for pk in ["999999", "abc"]:
            response = self.client.get(reverse("comment-detail", kwargs={"pk": pk}))
            self.assertEqual(response.status_code, status.HTTP_404_NOT_FOUND)
