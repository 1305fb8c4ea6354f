"""The full permission matrix: anonymous, author, other user, admin x each method x each route."""

from django.urls import reverse
from rest_framework import status

from articles.models import Article, Comment

from .base import APITestBase

ANON, AUTHOR, OTHER, ADMIN = "anonymous", "author", "other", "admin"
ACTORS = [ANON, AUTHOR, OTHER, ADMIN]

S = status
# (route, method) -> expected status for each actor. The author is Alice;
# "admin" is a superuser who did not write the object: the API is author-only
# for changes (staff moderate in /admin/), so the contract's 403 applies to it too.
MATRIX = {
    ("article-list", "get"): dict.fromkeys(ACTORS, S.HTTP_200_OK),
    ("article-list", "post"): {
        ANON: S.HTTP_401_UNAUTHORIZED,
        AUTHOR: S.HTTP_201_CREATED,
        OTHER: S.HTTP_201_CREATED,
        ADMIN: S.HTTP_201_CREATED,
    },
    ("article-list", "put"): dict.fromkeys(ACTORS, S.HTTP_405_METHOD_NOT_ALLOWED),
    ("article-list", "patch"): dict.fromkeys(ACTORS, S.HTTP_405_METHOD_NOT_ALLOWED),
    ("article-list", "delete"): dict.fromkeys(ACTORS, S.HTTP_405_METHOD_NOT_ALLOWED),
    ("article-detail", "get"): dict.fromkeys(ACTORS, S.HTTP_200_OK),
    ("article-detail", "post"): dict.fromkeys(ACTORS, S.HTTP_405_METHOD_NOT_ALLOWED),
    ("article-detail", "put"): {
        ANON: S.HTTP_401_UNAUTHORIZED,
        AUTHOR: S.HTTP_200_OK,
        OTHER: S.HTTP_403_FORBIDDEN,
        ADMIN: S.HTTP_403_FORBIDDEN,
    },
    ("article-detail", "patch"): dict.fromkeys(ACTORS, S.HTTP_405_METHOD_NOT_ALLOWED),
    ("article-detail", "delete"): {
        ANON: S.HTTP_401_UNAUTHORIZED,
        AUTHOR: S.HTTP_204_NO_CONTENT,
        OTHER: S.HTTP_403_FORBIDDEN,
        ADMIN: S.HTTP_403_FORBIDDEN,
    },
    ("comment-list", "get"): dict.fromkeys(ACTORS, S.HTTP_200_OK),
    ("comment-list", "post"): dict.fromkeys(ACTORS, S.HTTP_405_METHOD_NOT_ALLOWED),
    ("comment-list", "put"): dict.fromkeys(ACTORS, S.HTTP_405_METHOD_NOT_ALLOWED),
    ("comment-list", "delete"): dict.fromkeys(ACTORS, S.HTTP_405_METHOD_NOT_ALLOWED),
    ("comment-detail", "get"): dict.fromkeys(ACTORS, S.HTTP_200_OK),
    ("comment-detail", "post"): dict.fromkeys(ACTORS, S.HTTP_405_METHOD_NOT_ALLOWED),
    ("comment-detail", "put"): {
        ANON: S.HTTP_401_UNAUTHORIZED,
        AUTHOR: S.HTTP_200_OK,
        OTHER: S.HTTP_403_FORBIDDEN,
        ADMIN: S.HTTP_403_FORBIDDEN,
    },
    ("comment-detail", "patch"): dict.fromkeys(ACTORS, S.HTTP_405_METHOD_NOT_ALLOWED),
    ("comment-detail", "delete"): {
        ANON: S.HTTP_401_UNAUTHORIZED,
        AUTHOR: S.HTTP_204_NO_CONTENT,
        OTHER: S.HTTP_403_FORBIDDEN,
        ADMIN: S.HTTP_403_FORBIDDEN,
    },
    # Commenting is open to every signed-in user, not only the article's author.
    ("article-comment-create", "post"): {
        ANON: S.HTTP_401_UNAUTHORIZED,
        AUTHOR: S.HTTP_201_CREATED,
        OTHER: S.HTTP_201_CREATED,
        ADMIN: S.HTTP_201_CREATED,
    },
    ("article-comment-create", "get"): dict.fromkeys(ACTORS, S.HTTP_405_METHOD_NOT_ALLOWED),
    ("article-comment-create", "put"): dict.fromkeys(ACTORS, S.HTTP_405_METHOD_NOT_ALLOWED),
    ("article-comment-create", "delete"): dict.fromkeys(ACTORS, S.HTTP_405_METHOD_NOT_ALLOWED),
}

BODIES = {
    "article": {"title": "새 제목", "content": "새 내용"},
    "comment": {"content": "새 댓글"},
}


class PermissionMatrixTests(APITestBase):
    def actor(self, name):
        return {ANON: None, AUTHOR: self.alice, OTHER: self.bob, ADMIN: self.root}[name]

    def url_for(self, route):
        # A fresh article and comment by Alice for every request, so a DELETE
        # in one cell cannot change the answer of the next.
        article = Article.objects.create(title="matrix", content="matrix", user=self.alice)
        comment = Comment.objects.create(article=article, content="matrix", user=self.alice)
        kwargs = {
            "article-detail": {"pk": article.pk},
            "comment-detail": {"pk": comment.pk},
            "article-comment-create": {"article_pk": article.pk},
        }.get(route, {})
        return reverse(route, kwargs=kwargs), article, comment

    def test_matrix(self):
        for (route, method), expected in MATRIX.items():
            for actor_name, expected_status in expected.items():
                with self.subTest(route=route, method=method, actor=actor_name):
                    self.setUp()  # clear the throttle counters between cells
                    self.sign_in(self.actor(actor_name))
                    url, article, comment = self.url_for(route)
                    body = BODIES["comment" if "comment" in route else "article"]
                    response = getattr(self.client, method)(url, body, format="json")
                    self.assertEqual(response.status_code, expected_status, response.content)
                    if expected_status == S.HTTP_405_METHOD_NOT_ALLOWED:
                        self.assertIn("Allow", response)
                        self.assertNotIn(method.upper(), response["Allow"].split(", "))
                    if expected_status == S.HTTP_204_NO_CONTENT:
                        self.assertEqual(response.content, b"")
                    if expected_status in (S.HTTP_401_UNAUTHORIZED, S.HTTP_403_FORBIDDEN):
                        self.assertIn("detail", response.json())
                        # Nothing changed.
                        article.refresh_from_db()
                        comment.refresh_from_db()
                        self.assertEqual(article.title, "matrix")
                        self.assertEqual(comment.content, "matrix")

    def test_author_is_set_from_the_token_not_the_body(self):
        self.sign_in(self.bob)
        response = self.client.post(
            reverse("article-list"), {"title": "t", "content": "c", "user": self.alice.pk}
        )
        self.assertEqual(response.status_code, status.HTTP_201_CREATED)
        self.assertEqual(response.json()["user"], self.bob.pk)
        self.assertEqual(Article.objects.get(pk=response.json()["id"]).user, self.bob)

    def test_author_cannot_be_changed_by_put(self):
        self.sign_in(self.alice)
        url = reverse("article-detail", kwargs={"pk": self.article.pk})
        response = self.client.put(url, {"title": "t", "content": "c", "user": self.bob.pk})
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        self.article.refresh_from_db()
        self.assertEqual(self.article.user, self.alice)

    def test_put_comment_cannot_move_it_to_another_article(self):
        other = Article.objects.create(title="other", content="c", user=self.bob)
        self.sign_in(self.alice)
        url = reverse("comment-detail", kwargs={"pk": self.comment.pk})
        response = self.client.put(url, {"content": "edited", "article": other.pk})
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        self.comment.refresh_from_db()
        self.assertEqual(self.comment.article, self.article)
        self.assertEqual(self.comment.content, "edited")
