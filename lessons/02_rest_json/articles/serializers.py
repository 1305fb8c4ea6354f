from rest_framework import serializers

from .models import Article


class ArticleSerializer(serializers.ModelSerializer):
    """Every field of an article, read from the model: no field is written twice."""

    class Meta:
        model = Article
        fields = '__all__'
