"""Break: CommentSerializer without many=True is given a RelatedManager; what does the server say?"""

KIND = "break"
EDIT = ["articles/serializers.py", "answers/2.txt"]
ANSWERS = ["status", "exception", "object"]
CHANGES_TESTS = [
    "articles.tests.test_api.ArticleCrudTests.test_a_title_of_exactly_100_characters_is_fine",
    "articles.tests.test_api.ArticleCrudTests.test_create_answers_201_with_the_whole_article",
    "articles.tests.test_api.ArticleCrudTests.test_create_ignores_read_only_fields",
    "articles.tests.test_api.ArticleCrudTests.test_detail_is_the_whole_article",
    "articles.tests.test_api.ArticleCrudTests.test_put_updates_the_article",
    "articles.tests.test_comments.ArticleWithCommentsTests.test_an_article_without_comments",
    "articles.tests.test_comments.ArticleWithCommentsTests.test_comment_set_and_comment_count_are_read_only",
    "articles.tests.test_comments.ArticleWithCommentsTests.test_detail_nests_comment_set_and_counts_it",
    "articles.tests.test_comments.QueryCountTests.test_article_detail_queries_do_not_grow_with_its_comments",
    "articles.tests.test_comments.QueryCountTests.test_nested_article_list_queries_do_not_grow_with_the_articles",
    "articles.tests.test_json.JsonRoutesTests.test_dates_become_strings_that_name_the_same_instant",
    "articles.tests.test_json.JsonRoutesTests.test_every_route_answers_200_json_with_a_list",
    "articles.tests.test_json.JsonRoutesTests.test_json_3_is_json_for_everyone_else",
    "articles.tests.test_json.JsonRoutesTests.test_json_3_is_the_browsable_api_for_a_browser",
    "articles.tests.test_json.JsonRoutesTests.test_json_3_is_what_the_drf_serializer_writes",
    "articles.tests.test_json.JsonRoutesTests.test_korean_travels_as_utf8_and_round_trips",
    "articles.tests.test_json.JsonRoutesTests.test_special_characters_round_trip",
    "articles.tests.test_json.JsonRoutesTests.test_the_three_routes_answer_the_same_data",
]

# What the serializer raises, read in the copy's own Django (no HTTP): the type and the object.
PROBE = """
from articles.models import Article
from articles.serializers import ArticleSerializer
try:
    ArticleSerializer(Article.objects.first()).data
    result = None
except Exception as exc:
    text = str(exc)
    result = {"exception": type(exc).__name__, "text": text}
"""


def same(answer, real):
    return answer is not None and answer.strip().strip("`'\"").lower() == str(real).lower()


def check(c):
    fields = c.django("from articles.serializers import ArticleSerializer\n"
                      "result = repr(ArticleSerializer().fields['comment_set'])")
    broken = "many=True" not in fields and "ListSerializer" not in fields
    c.expect(broken,
             "articles/serializers.py still declares comment_set with many=True: remove many=True "
             "first (this exercise breaks the code on purpose)")
    if not broken:
        return
    response = c.get("/api/v1/articles/1/")
    raised = c.django(PROBE) or {}
    real_object = "RelatedManager" if "RelatedManager" in raised.get("text", "") else "?"
    answers = {key: c.answer(key) for key in ANSWERS}
    missing = [key for key, value in answers.items() if value is None]
    c.expect(not missing, "write what you saw in answers/2.txt: "
             + ", ".join(f"`{key}: ...`" for key in missing))
    if missing:
        return
    c.expect(same(answers["status"], response.status_code),
             f"you wrote status {answers['status']}; GET /api/v1/articles/1/ answered "
             f"{response.status_code}")
    c.expect(same(answers["exception"], raised.get("exception")),
             f"you wrote exception {answers['exception']}; look again at the title of the error "
             f"page or at the last line of the server's traceback")
    c.expect(same(answers["object"], real_object),
             f"you wrote object {answers['object']}; the last line of the error says which kind "
             f"of object has no attribute 'content'")
