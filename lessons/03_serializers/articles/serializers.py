from rest_framework import serializers

from .models import Article


class ArticleListSerializer(serializers.ModelSerializer):
    """The list shows only what a reader needs to pick an article."""

    class Meta:
        model = Article
        fields = ('id', 'title')


class ArticleSerializer(serializers.ModelSerializer):
    """Every field of an article, read from the model: no field is written twice."""

    class Meta:
        model = Article
        fields = '__all__'
