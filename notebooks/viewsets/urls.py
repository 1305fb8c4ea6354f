"""Each step under its own prefix, then lesson 06's own URLs (accounts, its function views).

``/step1/api/v1/articles/`` answers what lesson 06's ``/api/v1/articles/`` answers, and so on for
each step; the names are ``step1:article-list``, ``step1:article-detail``, ...
"""

from django.urls import include, path

from . import step1_apiview, step2_generics, step3_viewset

step1 = [
    path('articles/', step1_apiview.ArticleList.as_view(), name='article-list'),
    path('articles/<int:pk>/', step1_apiview.ArticleDetail.as_view(), name='article-detail'),
]
step2_mixins = [
    path('articles/', step2_generics.ArticleListWithMixins.as_view(), name='article-list'),
    path(
        'articles/<int:pk>/',
        step2_generics.ArticleDetailWithMixins.as_view(),
        name='article-detail',
    ),
]
step2_generic = [
    path('articles/', step2_generics.ArticleListCreate.as_view(), name='article-list'),
    path(
        'articles/<int:pk>/',
        step2_generics.ArticleRetrieveUpdateDestroy.as_view(),
        name='article-detail',
    ),
]

urlpatterns = [
    path('step1/api/v1/', include((step1, 'step1'))),
    path('step2a/api/v1/', include((step2_mixins, 'step2a'))),
    path('step2b/api/v1/', include((step2_generic, 'step2b'))),
    # The router writes both routes, and names them article-list and article-detail.
    path('step3/api/v1/', include((step3_viewset.router.urls, 'step3'))),
    path('', include('config.urls')),
]
