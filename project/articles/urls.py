from django.urls import include, path
from rest_framework.routers import DefaultRouter

from . import views

# A router writes the list and detail routes of each viewset and names them
# article-list, article-detail, comment-list, comment-detail.
router = DefaultRouter()
router.register("articles", views.ArticleViewSet, basename="article")
router.register("comments", views.CommentViewSet, basename="comment")

urlpatterns = [
    path("", include(router.urls)),
    path(
        "articles/<str:article_pk>/comments/",
        views.ArticleCommentCreate.as_view(),
        name="article-comment-create",
    ),
]
