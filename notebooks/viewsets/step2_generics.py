"""Step 2: generic views. ``GenericAPIView`` knows the queryset and the serializer; mixins add the
actions (list, create, retrieve, update, destroy); the ready-made generic views are those mixins
already put together.
"""

from rest_framework import generics, mixins
from rest_framework.permissions import IsAuthenticatedOrReadOnly

from articles.models import Article
from articles.serializers import ArticleListSerializer, ArticleSerializer

from .permissions import IsAuthorOrReadOnly

# Lesson 06 answers PATCH with 405: the update views below leave it out of their methods.
NO_PATCH = ['get', 'put', 'delete', 'head', 'options']

# --- 2a: GenericAPIView + mixins: each HTTP method calls one mixin's action ----------------------


class ArticleListWithMixins(
    mixins.ListModelMixin, mixins.CreateModelMixin, generics.GenericAPIView
):
    """GET -> list (200 [{id, title}, ...]); POST -> create (201; 401 without a token; 400)."""

    queryset = Article.objects.all()
    permission_classes = [IsAuthenticatedOrReadOnly]

    def get_serializer_class(self):
        # The list shows id and title only; a created article is answered whole.
        return ArticleListSerializer if self.request.method == 'GET' else ArticleSerializer

    def perform_create(self, serializer):
        serializer.save(user=self.request.user)  # CreateModelMixin.create calls this hook

    def get(self, request, *args, **kwargs):
        return self.list(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.create(request, *args, **kwargs)


class ArticleDetailWithMixins(
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    generics.GenericAPIView,
):
    """GET -> retrieve (200; 404); PUT -> update (200; 400); DELETE -> destroy (204); writes only
    for the author: ``get_object()`` runs the object permissions (403), no line of ours does."""

    queryset = Article.objects.prefetch_related('comment_set')
    serializer_class = ArticleSerializer
    permission_classes = [IsAuthenticatedOrReadOnly, IsAuthorOrReadOnly]

    def get(self, request, *args, **kwargs):
        return self.retrieve(request, *args, **kwargs)

    def put(self, request, *args, **kwargs):
        return self.update(request, *args, **kwargs)

    def delete(self, request, *args, **kwargs):
        return self.destroy(request, *args, **kwargs)


# --- 2b: the generic views: the same mixins, with get/post/put/delete already written ------------


class ArticleListCreate(generics.ListCreateAPIView):
    """The same contract as ArticleListWithMixins: ListCreateAPIView writes get() and post()."""

    queryset = Article.objects.all()
    permission_classes = [IsAuthenticatedOrReadOnly]

    def get_serializer_class(self):
        return ArticleListSerializer if self.request.method == 'GET' else ArticleSerializer

    def perform_create(self, serializer):
        serializer.save(user=self.request.user)


class ArticleRetrieveUpdateDestroy(generics.RetrieveUpdateDestroyAPIView):
    """The same contract as ArticleDetailWithMixins, in four lines of settings."""

    http_method_names = NO_PATCH
    queryset = Article.objects.prefetch_related('comment_set')
    serializer_class = ArticleSerializer
    permission_classes = [IsAuthenticatedOrReadOnly, IsAuthorOrReadOnly]
