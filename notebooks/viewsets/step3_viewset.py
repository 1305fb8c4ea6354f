"""Step 3: one ``ModelViewSet`` for both URLs, and a router that writes them.

A viewset names actions (list, create, retrieve, update, destroy) instead of HTTP methods; the
router maps ``GET articles/`` to list, ``POST articles/`` to create, ``GET articles/<pk>/`` to
retrieve, and so on. ``project/articles/views.py`` is this class plus pagination, filters and
faster querysets.
"""

from rest_framework import viewsets
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.routers import DefaultRouter

from articles.models import Article
from articles.serializers import ArticleListSerializer, ArticleSerializer

from .permissions import IsAuthorOrReadOnly


class ArticleViewSet(viewsets.ModelViewSet):
    """list: GET articles/ -> 200 [{id, title}, ...]; create: POST articles/ -> 201 (401, 400);
    retrieve: GET articles/<pk>/ -> 200 (404); update: PUT -> 200; destroy: DELETE -> 204; both
    only for the author (401 without a token, 403 for anyone else). PATCH: 405, as in lesson 06."""

    http_method_names = ['get', 'post', 'put', 'delete', 'head', 'options']
    queryset = Article.objects.prefetch_related('comment_set')
    permission_classes = [IsAuthenticatedOrReadOnly, IsAuthorOrReadOnly]

    def get_serializer_class(self):
        return ArticleListSerializer if self.action == 'list' else ArticleSerializer

    def perform_create(self, serializer):
        serializer.save(user=self.request.user)


router = DefaultRouter()
router.register('articles', ArticleViewSet, basename='article')
