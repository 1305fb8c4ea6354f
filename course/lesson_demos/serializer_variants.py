"""Other ways to write lesson 04's serializers, as real classes the notebook can compare.

No URL uses this module: the API serves the stage's ``articles/serializers.py``. Each class here
differs from the stage's serializers in one way, which its docstring names.
"""

from rest_framework import serializers

from articles.models import Article, Comment

# The "separate module" side of two serializers that need each other: the article side of a comment
# is imported from serializers.py, so its definition never has to come first in this file.
from articles.serializers import ArticleListSerializer, CommentSerializer

# --- read_only_fields: who sets a comment's article ----------------------------------------------


class CommentWithoutReadOnlySerializer(serializers.ModelSerializer):
    """The stage's CommentSerializer without ``read_only_fields``.

    ``article`` is then a required, writable field, so data with only ``content`` fails validation
    before the view gets the chance to call ``save(article=...)``.
    """

    class Meta:
        model = Comment
        fields = '__all__'


# --- One article, three ways to show its comments (1:N) ------------------------------------------


class ArticleCommentPKSerializer(serializers.ModelSerializer):
    """The comments as a list of their primary keys (PrimaryKeyRelatedField)."""

    # many=True: one article, many comments. read_only=True: the reverse side is never written
    # through an article; a comment is created under its article instead.
    comment_set = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Article
        fields = ('id', 'title', 'comment_set')


class ArticleNestedCommentsSerializer(serializers.ModelSerializer):
    """The comments nested whole: a serializer used as a field (nested relationship)."""

    comment_set = CommentSerializer(many=True, read_only=True)

    class Meta:
        model = Article
        fields = ('id', 'title', 'comment_set')


class ArticleCommentCountSerializer(serializers.ModelSerializer):
    """Nested comments plus a field the model does not have: their number, read through ``source``.

    ``source='comment_set.count'`` walks article -> comment_set (the reverse manager) -> count(),
    calling it because it is a method. Without a prefetch that is one COUNT query per article.
    """

    comment_set = CommentSerializer(many=True, read_only=True)
    comment_count = serializers.IntegerField(source='comment_set.count', read_only=True)

    class Meta:
        model = Article
        fields = ('id', 'title', 'comment_set', 'comment_count')


class ArticleAnnotatedCountSerializer(serializers.ModelSerializer):
    """The count without any per-article query: the queryset computes it.

    Use it with ``Article.objects.annotate(comment_count=Count('comment'))``: the annotation puts a
    ``comment_count`` attribute on each article, and this field reads it (its source is its name).
    """

    comment_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Article
        fields = ('id', 'title', 'comment_count')


# --- related_name: the reverse accessor names the field ------------------------------------------


class ArticleCommentsWithoutSourceSerializer(serializers.ModelSerializer):
    """A field called ``comments`` with no ``source``: DRF looks for ``article.comments``.

    That attribute exists only if the ForeignKey says ``related_name='comments'``. This stage's
    Comment.article has no related_name, and DRF skips a read-only field whose attribute is
    missing: the comments silently vanish from the output, with no error at all.
    """

    comments = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Article
        fields = ('id', 'title', 'comments')


class ArticleCommentsWithSourceSerializer(serializers.ModelSerializer):
    """The field may have any name when ``source`` names the reverse accessor (comment_set)."""

    comments = serializers.PrimaryKeyRelatedField(source='comment_set', many=True, read_only=True)

    class Meta:
        model = Article
        fields = ('id', 'title', 'comments')


# --- Two serializers that need each other --------------------------------------------------------
# An article nests its comments, and each comment shows its article's title. Written as two
# top-level classes in one module, whichever comes first names the other before it exists
# (NameError).


class CommentWithArticleInnerSerializer(serializers.ModelSerializer):
    """Way 1: the article side is an inner class, defined where it is used."""

    class ArticleTitleSerializer(serializers.ModelSerializer):
        class Meta:
            model = Article
            fields = ('id', 'title')

    article = ArticleTitleSerializer(read_only=True)

    class Meta:
        model = Comment
        fields = '__all__'


class CommentWithArticleImportedSerializer(serializers.ModelSerializer):
    """Way 2: the article side comes from another module (ArticleListSerializer, see the top)."""

    article = ArticleListSerializer(read_only=True)

    class Meta:
        model = Comment
        fields = '__all__'


class ArticleWithCommentsInnerSerializer(serializers.ModelSerializer):
    """The article with its comments, each comment showing the article through the inner class."""

    comment_set = CommentWithArticleInnerSerializer(many=True, read_only=True)

    class Meta:
        model = Article
        fields = ('id', 'title', 'comment_set')


class ArticleWithCommentsImportedSerializer(serializers.ModelSerializer):
    """The same article, each comment showing the article through the imported serializer."""

    comment_set = CommentWithArticleImportedSerializer(many=True, read_only=True)

    class Meta:
        model = Article
        fields = ('id', 'title', 'comment_set')


# --- A declared field ignores read_only_fields ---------------------------------------------------


class ArticleReadOnlyFieldsSurpriseSerializer(serializers.ModelSerializer):
    """The stage's ArticleSerializer with the two declared fields made read-only the wrong way.

    ``read_only_fields`` only shapes the fields ModelSerializer builds from the model. A field
    declared in the class body (overridden like ``comment_set`` or added like ``comment_count``) is
    used exactly as written, so both stay writable and required: creating an article fails.
    """

    comment_set = CommentSerializer(many=True)
    comment_count = serializers.IntegerField(source='comment_set.count')

    class Meta:
        model = Article
        fields = '__all__'
        read_only_fields = ('comment_set', 'comment_count')  # silently has no effect on them
