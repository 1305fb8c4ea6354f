from django.core import serializers as django_serializers
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.csrf import csrf_exempt
from rest_framework.decorators import api_view
from rest_framework.response import Response

from .models import Article
from .serializers import ArticleSerializer


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
    serializer = ArticleSerializer(Article.objects.all(), many=True)
    return Response(serializer.data)
