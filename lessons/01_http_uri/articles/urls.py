from django.urls import path, re_path

from . import views

app_name = 'articles'
urlpatterns = [
    path('articles/', views.article_list, name='article_list'),
    path('articles/<int:pk>/', views.article_detail, name='article_detail'),
    # Everything after /echo/ is accepted, so the notebook can send any path it likes.
    re_path(r'^echo/(?P<rest>.*)$', views.echo, name='echo'),
]
