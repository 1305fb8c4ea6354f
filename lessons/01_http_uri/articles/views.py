from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.csrf import csrf_exempt

from .models import Article


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
