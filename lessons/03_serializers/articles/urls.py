from django.urls import path, re_path

from . import views

app_name = 'articles'
urlpatterns = [
    path('articles/', views.article_list, name='article_list'),
    path('articles/<int:pk>/', views.article_detail, name='article_detail'),
    # Everything after /echo/ is accepted, so the notebook can send any path it likes.
    re_path(r'^echo/(?P<rest>.*)$', views.echo, name='echo'),
    # The same articles as JSON, three ways.
    path('api/v1/json-1/', views.article_json_1, name='article_json_1'),
    path('api/v1/json-2/', views.article_json_2, name='article_json_2'),
    path('api/v1/json-3/', views.article_json_3, name='article_json_3'),
    # The articles API.
    path('api/v1/articles/', views.api_article_list, name='api_article_list'),
    path('api/v1/articles/<int:pk>/', views.api_article_detail, name='api_article_detail'),
]
