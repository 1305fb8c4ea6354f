"""Step 1: ``APIView``. One class per URL, one method per HTTP method, every line written out.

Compared with lesson 06's function views: ``@api_view(['GET', 'POST'])`` becomes a class whose
``get`` and ``post`` methods are the allowed methods (any other is 405), and
``@permission_classes`` becomes the ``permission_classes`` attribute.
"""

from django.shortcuts import get_object_or_404
from rest_framework import status
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.response import Response
from rest_framework.views import APIView

from articles.models import Article
from articles.serializers import ArticleListSerializer, ArticleSerializer

from .permissions import IsAuthorOrReadOnly


class ArticleList(APIView):
    """GET -> 200 [{id, title}, ...] for everyone. POST {title, content} with a token -> 201 the
    article, its ``user`` the token's owner; 401 without a token; 400 when the data is wrong."""

    permission_classes = [IsAuthenticatedOrReadOnly]

    def get(self, request):
        serializer = ArticleListSerializer(Article.objects.all(), many=True)
        return Response(serializer.data)

    def post(self, request):
        serializer = ArticleSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        serializer.save(user=request.user)  # the author comes from the token, never from the body
        return Response(serializer.data, status=status.HTTP_201_CREATED)


class ArticleDetail(APIView):
    """GET -> 200 the article, for everyone; 404 when there is none. PUT {title, content} -> 200;
    DELETE -> 204: both only for the author (401 without a token, 403 for anyone else)."""

    permission_classes = [IsAuthenticatedOrReadOnly, IsAuthorOrReadOnly]

    def get_object(self, pk):
        article = get_object_or_404(Article.objects.prefetch_related('comment_set'), pk=pk)
        # An APIView asks its object permissions itself: IsAuthorOrReadOnly.has_object_permission.
        self.check_object_permissions(self.request, article)
        return article

    def get(self, request, pk):
        return Response(ArticleSerializer(self.get_object(pk)).data)

    def put(self, request, pk):
        serializer = ArticleSerializer(self.get_object(pk), data=request.data)
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return Response(serializer.data)

    def delete(self, request, pk):
        self.get_object(pk).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)
