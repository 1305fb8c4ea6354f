from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, generics, mixins, permissions, viewsets

from .filters import ArticleFilter, CommentFilter
from .models import Article, Comment
from .permissions import IsAuthorOrReadOnly
from .serializers import (
    NESTED_COMMENTS,
    ArticleListSerializer,
    ArticleSerializer,
    CommentSerializer,
)

# PATCH is left out on purpose: the contract answers it with 405, like lesson 03.
HTTP_METHODS = ["get", "post", "put", "delete", "head", "options"]


class GoneIs404:
    """An update of a row deleted meanwhile is a 404, never a new row.

    The models save by UPDATE only (UpdateNotInsert); when that UPDATE finds no row, the
    DELETE won the race.
    """

    def perform_update(self, serializer):
        try:
            with transaction.atomic():
                serializer.save()
        except DatabaseError:
            if type(serializer.instance).objects.filter(pk=serializer.instance.pk).exists():
                raise
            raise exceptions.NotFound() from None


class ArticleViewSet(GoneIs404, viewsets.ModelViewSet):
    """Articles.

    list:     GET    /api/v1/articles/       200 paginated {count, next, previous, results};
              filter ?user= ?author= ?created_after= ?created_before=, ?search=, ?ordering=
    create:   POST   /api/v1/articles/       {title, content} -> 201 the article; 400; 401
    retrieve: GET    /api/v1/articles/<pk>/  200 the article, its first comments (comment_set),
              comment_count and comments_url; 404
    update:   PUT    /api/v1/articles/<pk>/  200; 400; 401; 403 unless the author; 404
    destroy:  DELETE /api/v1/articles/<pk>/  204; 401; 403 unless the author; 404
    """

    http_method_names = HTTP_METHODS
    permission_classes = [permissions.IsAuthenticatedOrReadOnly, IsAuthorOrReadOnly]
    filterset_class = ArticleFilter
    search_fields = ["title", "content"]
    ordering_fields = ["id", "title", "created_at", "updated_at", "comment_count"]

    def get_queryset(self):
        # A constant number of queries however many rows: the author's name by
        # JOIN, the count by GROUP BY (for_api), the comments in one more query.
        queryset = Article.objects.for_api()
        if self.action != "list":
            # The first NESTED_COMMENTS of this article only (a window query), however many.
            queryset = queryset.prefetch_related(
                Prefetch(
                    "comment_set",
                    queryset=Comment.objects.for_api()[:NESTED_COMMENTS],
                    to_attr="first_comments",  # a sliced prefetch needs its own attribute
                )
            )
        return queryset

    def get_serializer_class(self):
        return ArticleListSerializer if self.action == "list" else ArticleSerializer

    def perform_create(self, serializer):
        serializer.save(user=self.request.user)
        self.reload(serializer)

    def perform_update(self, serializer):
        super().perform_update(serializer)
        self.reload(serializer)

    def reload(self, serializer):
        """Answer a write with the article as GET shows it, in the same constant queries.

        DRF drops the prefetched comments after an update (they may be stale),
        which would cost one query per comment for their authors.
        """
        # 404 if a DELETE removed it in between.
        serializer.instance = generics.get_object_or_404(
            self.get_queryset(), pk=serializer.instance.pk
        )


class CommentViewSet(
    GoneIs404,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Comments. New ones are posted to their article's route, so there is no create here.

    list:     GET    /api/v1/comments/       200 paginated; filter ?article= ?user=, ?search=, ?ordering=
    retrieve: GET    /api/v1/comments/<pk>/  200; 404
    update:   PUT    /api/v1/comments/<pk>/  {content} -> 200; 400; 401; 403 unless the author; 404
    destroy:  DELETE /api/v1/comments/<pk>/  204; 401; 403 unless the author; 404
    """

    http_method_names = ["get", "put", "delete", "head", "options"]
    queryset = Comment.objects.for_api()
    serializer_class = CommentSerializer
    permission_classes = [permissions.IsAuthenticatedOrReadOnly, IsAuthorOrReadOnly]
    filterset_class = CommentFilter
    search_fields = ["content"]
    ordering_fields = ["id", "created_at", "updated_at"]


class ArticleCommentCreate(generics.CreateAPIView):
    """POST /api/v1/articles/<article_pk>/comments/ {content} -> 201 the comment.

    The article comes from the URL (404 when there is none) and the author from
    the token (401 without one); an `article` or `user` in the body is ignored.
    Anyone signed in may comment, so the author-only rule does not apply here.
    """

    serializer_class = CommentSerializer
    permission_classes = [permissions.IsAuthenticated]
    queryset = Comment.objects.none()  # for the schema; this view never lists

    @extend_schema(
        operation_id="articles_comments_create",
        parameters=[OpenApiParameter("article_pk", int, OpenApiParameter.PATH)],
    )
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)

    def create(self, request, *args, **kwargs):
        # The article first: a comment on nothing is 404 whatever the body says.
        # generics.get_object_or_404 also turns a pk that is not a number into 404.
        self.article = generics.get_object_or_404(
            Article.objects.only("id"), pk=kwargs["article_pk"]
        )
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer):
        try:
            with transaction.atomic():
                # Again, locked (PostgreSQL: the row; SQLite's IMMEDIATE transactions: the
                # database): a DELETE of the article that came in since waits for this write.
                article = generics.get_object_or_404(
                    Article.objects.select_for_update().only("id"), pk=self.article.pk
                )
                comment = serializer.save(article=article, user=self.request.user)
        except IntegrityError:
            # Last resort: the foreign key points nowhere (the article was deleted anyway).
            raise exceptions.NotFound() from None
        # Answer as GET shows it (with the author's name annotation); 404 if already gone again.
        serializer.instance = generics.get_object_or_404(Comment.objects.for_api(), pk=comment.pk)
