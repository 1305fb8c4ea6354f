from django.contrib import admin

from .models import Article, Comment


class CommentInline(admin.TabularInline):
    model = Comment
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["id", "title", "user", "created_at"]
    list_select_related = ["user"]  # one query for the change list, not one per row
    search_fields = ["title", "content"]
    raw_id_fields = ["user"]  # a select of every user does not scale
    inlines = [CommentInline]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["id", "article", "user", "created_at"]
    list_select_related = ["article", "user"]
    raw_id_fields = ["article", "user"]
