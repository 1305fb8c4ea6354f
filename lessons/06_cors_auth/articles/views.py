from django.contrib.auth import get_user_model
from django.core import serializers as django_serializers
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.csrf import csrf_exempt
from rest_framework import status
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny, IsAdminUser
from rest_framework.response import Response

from .models import Article, Comment
from .permissions import check_author
from .serializers import (
    ArticleListSerializer,
    ArticleSerializer,
    CommentSerializer,
    UserSerializer,
)


def article_list(request):
    """GET /articles/ -> 200 text/html: every article, rendered by the server."""
    articles = Article.objects.all()
    return render(request, 'articles/article_list.html', {'articles': articles})


def article_detail(request, pk):
    """GET /articles/<pk>/ -> 200 text/html: one article; 404 when there is none."""
    article = get_object_or_404(Article, pk=pk)
    return render(request, 'articles/article_detail.html', {'article': article})


@csrf_exempt  # a mirror for the notebook: it changes nothing, so any method may reach it
def echo(request, rest=''):
    """Any method, /echo/<anything>?<query> -> 200 JSON of what the server received.

    ``method``, ``path``, ``query`` (each key to the list of its values), ``headers`` and ``body``
    (as text). A URL's #fragment never shows up here: the client keeps it.
    """
    received = {
        'method': request.method,
        'path': request.path,
        'query': {key: request.GET.getlist(key) for key in request.GET},
        'raw_query': request.META.get('QUERY_STRING', ''),
        'headers': dict(request.headers),
        'body': request.body.decode('utf-8', errors='replace'),
    }
    # ensure_ascii=False: Korean travels as UTF-8 text, readable on the wire.
    return JsonResponse(received, json_dumps_params={'ensure_ascii': False})


# Three ways to answer the same articles as JSON, from most hand-work to least.


def article_json_1(request):
    """GET /api/v1/json-1/ -> 200 application/json: a list built by hand, field by field."""
    articles = [
        {
            'id': article.pk,
            'title': article.title,
            'content': article.content,
            'created_at': article.created_at,
            'updated_at': article.updated_at,
        }
        for article in Article.objects.all()
    ]
    # safe=False: the top level is a list, which JsonResponse refuses unless told.
    return JsonResponse(articles, safe=False, json_dumps_params={'ensure_ascii': False})


def article_json_2(request):
    """GET /api/v1/json-2/ -> 200 application/json: Django's serializer, {model, pk, fields} per row."""
    data = django_serializers.serialize('json', Article.objects.all(), ensure_ascii=False)
    return HttpResponse(data, content_type='application/json')


@api_view(['GET'])
def article_json_3(request):
    """GET /api/v1/json-3/ -> 200: a DRF serializer and Response; HTML (browsable API) on request."""
    # From lesson 04 each article carries its comments and their count. Without prefetch_related
    # that is two more queries per article (N+1); with it, two queries however many articles.
    serializer = ArticleSerializer(Article.objects.prefetch_related('comment_set'), many=True)
    return Response(serializer.data)


# The articles API: full CRUD with function views.


# Permissions: settings.py makes IsAuthenticatedOrReadOnly the default, so every view below lets
# anyone read and only a signed-in user write (401 without a valid token), unless it says otherwise.
# Whether the user wrote a row is known only once the row is read: the views ask check_author.


@api_view(['GET', 'POST'])
def api_article_list(request):
    """GET /api/v1/articles/ -> 200 [{id, title}, ...], for everyone.

    POST {title, content} with a token -> 201 the whole article, its ``user`` the token's owner;
    401 without a valid token; 400 {field: [messages]} when the data is wrong.
    Any other method: 405 with an Allow header (@api_view answers it).
    """
    if request.method == 'GET':
        serializer = ArticleListSerializer(Article.objects.all(), many=True)
        return Response(serializer.data)
    serializer = ArticleSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)  # invalid: DRF answers 400 with the errors for us
    serializer.save(user=request.user)  # the author comes from the token, never from the body
    return Response(serializer.data, status=status.HTTP_201_CREATED)


@api_view(['GET', 'PUT', 'DELETE'])
def api_article_detail(request, pk):
    """/api/v1/articles/<pk>/: 404 when there is no such article, else

    GET -> 200 the whole article, for everyone. PUT {title, content} -> 200 the updated article,
    400 when the data is wrong; DELETE -> 204 with an empty body: both only for the article's
    author (401 without a valid token, 403 for anyone else). Other methods: 405 with an Allow header.
    """
    # One query for the comments of the article, however many: nested comments and their count
    # both read them (a prefetched manager's count() counts in memory).
    article = get_object_or_404(Article.objects.prefetch_related('comment_set'), pk=pk)
    if request.method == 'GET':
        return Response(ArticleSerializer(article).data)
    check_author(request, article)  # a write: 403 unless the token's user wrote the article
    if request.method == 'PUT':
        serializer = ArticleSerializer(article, data=request.data)
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return Response(serializer.data)
    article.delete()
    return Response(status=status.HTTP_204_NO_CONTENT)


# Comments: listed and changed at /comments/, created under the article they belong to.


@api_view(['GET'])
def api_comment_list(request):
    """GET /api/v1/comments/ -> 200 [{id, article, user, content, created_at, updated_at}, ...]."""
    serializer = CommentSerializer(Comment.objects.all(), many=True)
    return Response(serializer.data)


@api_view(['GET', 'PUT', 'DELETE'])
def api_comment_detail(request, pk):
    """/api/v1/comments/<pk>/: 404 when there is no such comment, else

    GET -> 200 the comment, for everyone. PUT {content} -> 200 the updated comment (its article
    and author stay), 400 when the data is wrong; DELETE -> 204 with an empty body: both only for
    the comment's author (401 without a valid token, 403 for anyone else).
    """
    comment = get_object_or_404(Comment, pk=pk)
    if request.method == 'GET':
        return Response(CommentSerializer(comment).data)
    check_author(request, comment)
    if request.method == 'PUT':
        serializer = CommentSerializer(comment, data=request.data)
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return Response(serializer.data)
    comment.delete()
    return Response(status=status.HTTP_204_NO_CONTENT)


@api_view(['POST'])
def api_comment_create(request, article_pk):
    """POST /api/v1/articles/<article_pk>/comments/ {content} with a token -> 201 the comment.

    The article comes from the URL and the author from the token: ``save(article=..., user=...)``
    sets both, and a client-sent ``article`` or ``user`` is ignored (read-only). 401 without a
    valid token; 404 when the article does not exist; 400 when the data is wrong. Any signed-in
    user may comment on any article.
    """
    article = get_object_or_404(Article, pk=article_pk)
    serializer = CommentSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    serializer.save(article=article, user=request.user)
    return Response(serializer.data, status=status.HTTP_201_CREATED)


# Two routes that show the other permission classes: one for admins only, one for everyone.


@api_view(['GET'])
@permission_classes([IsAdminUser])
def api_user_list(request):
    """GET /api/v1/users/ -> 200 [{id, username, is_staff}, ...] for a staff user (IsAdminUser);
    401 without a valid token, 403 for a signed-in user who is not staff."""
    users = get_user_model().objects.order_by('pk')
    return Response(UserSerializer(users, many=True).data)


@api_view(['GET'])
@permission_classes([AllowAny])
def api_health(request):
    """GET /api/v1/health/ -> 200 {"status": "ok", "user": name or null} for everyone (AllowAny).

    A token is not needed, but one that is sent must be valid: a wrong one is still 401.
    """
    user = request.user.get_username() if request.user.is_authenticated else None
    return Response({'status': 'ok', 'user': user})
