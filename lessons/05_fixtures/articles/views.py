from django.core import serializers as django_serializers
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.csrf import csrf_exempt
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response

from .models import Article, Comment
from .serializers import ArticleListSerializer, ArticleSerializer, CommentSerializer


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


@api_view(['GET', 'POST'])
def api_article_list(request):
    """GET /api/v1/articles/ -> 200 [{id, title}, ...].

    POST {title, content} -> 201 the whole article; 400 {field: [messages]} when the data is wrong.
    Any other method: 405 with an Allow header (@api_view answers it).
    """
    if request.method == 'GET':
        serializer = ArticleListSerializer(Article.objects.all(), many=True)
        return Response(serializer.data)
    serializer = ArticleSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)  # invalid: DRF answers 400 with the errors for us
    serializer.save()
    return Response(serializer.data, status=status.HTTP_201_CREATED)


@api_view(['GET', 'PUT', 'DELETE'])
def api_article_detail(request, pk):
    """/api/v1/articles/<pk>/: 404 when there is no such article, else

    GET -> 200 the whole article; PUT {title, content} -> 200 the updated article, 400 when the
    data is wrong; DELETE -> 204 with an empty body. Any other method: 405 with an Allow header.
    """
    # One query for the comments of the article, however many: nested comments and their count
    # both read them (a prefetched manager's count() counts in memory).
    article = get_object_or_404(Article.objects.prefetch_related('comment_set'), pk=pk)
    if request.method == 'GET':
        return Response(ArticleSerializer(article).data)
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
    """GET /api/v1/comments/ -> 200 [{id, article, content, created_at, updated_at}, ...]."""
    serializer = CommentSerializer(Comment.objects.all(), many=True)
    return Response(serializer.data)


@api_view(['GET', 'PUT', 'DELETE'])
def api_comment_detail(request, pk):
    """/api/v1/comments/<pk>/: 404 when there is no such comment, else

    GET -> 200 the comment; PUT {content} -> 200 the updated comment (its article stays), 400 when
    the data is wrong; DELETE -> 204 with an empty body.
    """
    comment = get_object_or_404(Comment, pk=pk)
    if request.method == 'GET':
        return Response(CommentSerializer(comment).data)
    if request.method == 'PUT':
        serializer = CommentSerializer(comment, data=request.data)
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return Response(serializer.data)
    comment.delete()
    return Response(status=status.HTTP_204_NO_CONTENT)


@api_view(['POST'])
def api_comment_create(request, article_pk):
    """POST /api/v1/articles/<article_pk>/comments/ {content} -> 201 the comment.

    The article comes from the URL: ``save(article=...)`` sets it, and a client-sent ``article``
    is ignored (read-only). 404 when the article does not exist; 400 when the data is wrong.
    """
    article = get_object_or_404(Article, pk=article_pk)
    serializer = CommentSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    serializer.save(article=article)
    return Response(serializer.data, status=status.HTTP_201_CREATED)
