"""Lesson 04: comments (1:N). Every comment route, the nested article detail, the query counts."""

from django.urls import reverse
from rest_framework import status
from rest_framework.test import APITestCase

from articles.models import Article, Comment

COMMENT_KEYS = {'id', 'article', 'content', 'created_at', 'updated_at'}


class CommentTestCase(APITestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = Article.objects.create(title='댓글이 달릴 글', content='본문')
        cls.other = Article.objects.create(title='다른 글', content='본문')
        cls.comment = Comment.objects.create(article=cls.article, content='첫 댓글')

    def create_url(self, article_pk):
        return reverse('articles:api_comment_create', args=[article_pk])

    def detail_url(self, pk):
        return reverse('articles:api_comment_detail', args=[pk])

    def missing_article_pk(self):
        return Article.objects.order_by('-pk').first().pk + 1

    def assertNothingWritten(self, comments_before):
        self.assertEqual(
            list(Comment.objects.order_by('pk').values_list('pk', 'article_id', 'content')),
            comments_before,
            'a refused request must not write or change any row',
        )

    def snapshot(self):
        return list(Comment.objects.order_by('pk').values_list('pk', 'article_id', 'content'))


class CommentCreateTests(CommentTestCase):
    """POST /api/v1/articles/<article_pk>/comments/: the article comes from the URL."""

    def test_create_sets_the_article_from_the_url(self):
        response = self.client.post(
            self.create_url(self.article.pk), {'content': '좋은 글이네요'}, format='json'
        )
        self.assertEqual(response.status_code, status.HTTP_201_CREATED)
        self.assertEqual(set(response.data), COMMENT_KEYS)
        self.assertEqual(response.data['article'], self.article.pk)
        self.assertEqual(response.data['content'], '좋은 글이네요')
        comment = Comment.objects.get(pk=response.data['id'])
        self.assertEqual(comment.article, self.article)

    def test_a_client_sent_article_is_ignored(self):
        response = self.client.post(
            self.create_url(self.article.pk),
            {'content': '다른 글로 보내 볼까', 'article': self.other.pk},
            format='json',
        )
        self.assertEqual(response.status_code, status.HTTP_201_CREATED)
        self.assertEqual(response.data['article'], self.article.pk)
        self.assertEqual(Comment.objects.get(pk=response.data['id']).article_id, self.article.pk)
        self.assertFalse(self.other.comment_set.exists())

    def test_form_data_works_too(self):
        response = self.client.post(self.create_url(self.article.pk), {'content': 'form'})
        self.assertEqual(response.status_code, status.HTTP_201_CREATED)

    def test_missing_article_is_404_and_writes_nothing(self):
        before = self.snapshot()
        response = self.client.post(
            self.create_url(self.missing_article_pk()), {'content': 'x'}, format='json'
        )
        self.assertEqual(response.status_code, status.HTTP_404_NOT_FOUND)
        self.assertIn('detail', response.json())
        self.assertNothingWritten(before)

    def test_bad_input_is_400_with_field_errors_and_writes_nothing(self):
        cases = {
            'missing content': {},
            'empty content': {'content': ''},
            'null content': {'content': None},
            'content as a list': {'content': ['a', 'b']},
            'content as an object': {'content': {'text': 'a'}},
        }
        before = self.snapshot()
        for name, body in cases.items():
            with self.subTest(name):
                response = self.client.post(self.create_url(self.article.pk), body, format='json')
                self.assertEqual(response.status_code, status.HTTP_400_BAD_REQUEST)
                self.assertIn('content', response.json())
                self.assertIsInstance(response.json()['content'], list)
        self.assertNothingWritten(before)

    def test_malformed_json_is_400(self):
        before = self.snapshot()
        for body in ('{"content": ', 'not json at all', '{"content": "x",}'):
            with self.subTest(body=body):
                response = self.client.post(
                    self.create_url(self.article.pk), body, content_type='application/json'
                )
                self.assertEqual(response.status_code, status.HTTP_400_BAD_REQUEST)
                self.assertIn('detail', response.json())
        self.assertNothingWritten(before)

    def test_a_body_that_is_not_json_is_refused(self):
        before = self.snapshot()
        response = self.client.post(
            self.create_url(self.article.pk), 'content=plain text', content_type='text/plain'
        )
        self.assertEqual(response.status_code, status.HTTP_415_UNSUPPORTED_MEDIA_TYPE)
        self.assertIn('detail', response.json())
        self.assertNothingWritten(before)

    def test_a_json_list_instead_of_an_object_is_400(self):
        before = self.snapshot()
        response = self.client.post(
            self.create_url(self.article.pk), [{'content': 'x'}], format='json'
        )
        self.assertEqual(response.status_code, status.HTTP_400_BAD_REQUEST)
        self.assertNothingWritten(before)

    def test_korean_round_trips_unchanged(self):
        text = '한글 댓글 ✓ — 이모지 😀'
        response = self.client.post(
            self.create_url(self.article.pk), {'content': text}, format='json'
        )
        self.assertEqual(response.json()['content'], text)
        self.assertEqual(Comment.objects.get(pk=response.data['id']).content, text)

    def test_create_route_allows_only_post(self):
        url = self.create_url(self.article.pk)
        for method in ('get', 'put', 'patch', 'delete'):
            with self.subTest(method=method):
                response = getattr(self.client, method)(url)
                self.assertEqual(response.status_code, status.HTTP_405_METHOD_NOT_ALLOWED)
                self.assertIn('POST', response['Allow'])


class CommentListAndDetailTests(CommentTestCase):
    """GET /api/v1/comments/ and GET / PUT / DELETE /api/v1/comments/<pk>/."""

    def test_list_has_every_comment_with_its_article(self):
        Comment.objects.create(article=self.other, content='둘째 댓글')
        response = self.client.get(reverse('articles:api_comment_list'))
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        self.assertEqual(len(response.data), Comment.objects.count())
        for item in response.data:
            self.assertEqual(set(item), COMMENT_KEYS)
            self.assertEqual(item['article'], Comment.objects.get(pk=item['id']).article_id)

    def test_list_allows_only_get(self):
        url = reverse('articles:api_comment_list')
        before = self.snapshot()
        for method in ('post', 'put', 'patch', 'delete'):
            with self.subTest(method=method):
                response = getattr(self.client, method)(url, {'content': 'x'}, format='json')
                self.assertEqual(response.status_code, status.HTTP_405_METHOD_NOT_ALLOWED)
                self.assertIn('GET', response['Allow'])
        self.assertNothingWritten(before)

    def test_detail(self):
        response = self.client.get(self.detail_url(self.comment.pk))
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        self.assertEqual(response.data['id'], self.comment.pk)
        self.assertEqual(response.data['article'], self.article.pk)
        self.assertEqual(response.data['content'], '첫 댓글')

    def test_missing_comment_is_404_for_every_method(self):
        missing = Comment.objects.order_by('-pk').first().pk + 1
        url = self.detail_url(missing)
        self.assertEqual(self.client.get(url).status_code, status.HTTP_404_NOT_FOUND)
        self.assertEqual(
            self.client.put(url, {'content': 'x'}, format='json').status_code,
            status.HTTP_404_NOT_FOUND,
        )
        self.assertEqual(self.client.delete(url).status_code, status.HTTP_404_NOT_FOUND)
        self.assertEqual(
            self.client.get('/api/v1/comments/abc/').status_code, status.HTTP_404_NOT_FOUND
        )

    def test_put_changes_the_content_and_keeps_the_article(self):
        response = self.client.put(
            self.detail_url(self.comment.pk),
            {'content': '고친 댓글', 'article': self.other.pk},
            format='json',
        )
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        self.assertEqual(response.data['content'], '고친 댓글')
        self.assertEqual(response.data['article'], self.article.pk)
        self.comment.refresh_from_db()
        self.assertEqual(
            (self.comment.content, self.comment.article_id), ('고친 댓글', self.article.pk)
        )

    def test_put_with_bad_input_is_400_and_changes_nothing(self):
        before = self.snapshot()
        for body in ({}, {'content': ''}, {'content': ['x']}):
            with self.subTest(body=body):
                response = self.client.put(self.detail_url(self.comment.pk), body, format='json')
                self.assertEqual(response.status_code, status.HTTP_400_BAD_REQUEST)
                self.assertIn('content', response.json())
        response = self.client.put(
            self.detail_url(self.comment.pk), '{"content":', content_type='application/json'
        )
        self.assertEqual(response.status_code, status.HTTP_400_BAD_REQUEST)
        self.assertNothingWritten(before)

    def test_delete_is_204_with_an_empty_body(self):
        response = self.client.delete(self.detail_url(self.comment.pk))
        self.assertEqual(response.status_code, status.HTTP_204_NO_CONTENT)
        self.assertEqual(response.content, b'')
        self.assertFalse(Comment.objects.filter(pk=self.comment.pk).exists())
        self.assertTrue(Article.objects.filter(pk=self.article.pk).exists(), 'the article stays')
        self.assertEqual(
            self.client.get(self.detail_url(self.comment.pk)).status_code, status.HTTP_404_NOT_FOUND
        )

    def test_detail_refuses_other_methods(self):
        url = self.detail_url(self.comment.pk)
        for method in ('post', 'patch'):
            with self.subTest(method=method):
                response = getattr(self.client, method)(url, {'content': 'x'}, format='json')
                self.assertEqual(response.status_code, status.HTTP_405_METHOD_NOT_ALLOWED)
                self.assertEqual(
                    set(response['Allow'].replace(' ', '').split(',')) - {'OPTIONS'},
                    {'GET', 'PUT', 'DELETE'},
                )

    def test_deleting_an_article_deletes_its_comments(self):
        self.article.delete()
        self.assertFalse(Comment.objects.filter(pk=self.comment.pk).exists())


class ArticleWithCommentsTests(CommentTestCase):
    """GET /api/v1/articles/<pk>/ nests the article's comments and counts them."""

    def test_detail_nests_comment_set_and_counts_it(self):
        second = Comment.objects.create(article=self.article, content='둘째 댓글')
        Comment.objects.create(article=self.other, content='다른 글의 댓글')
        response = self.client.get(reverse('articles:api_article_detail', args=[self.article.pk]))
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        data = response.json()
        self.assertEqual({item['id'] for item in data['comment_set']}, {self.comment.pk, second.pk})
        for item in data['comment_set']:
            self.assertEqual(set(item), COMMENT_KEYS)
            self.assertEqual(item['article'], self.article.pk)
        self.assertEqual(data['comment_count'], 2)
        self.assertTrue({'id', 'title', 'content', 'created_at', 'updated_at'} <= set(data))

    def test_an_article_without_comments(self):
        response = self.client.get(reverse('articles:api_article_detail', args=[self.other.pk]))
        self.assertEqual(response.json()['comment_set'], [])
        self.assertEqual(response.json()['comment_count'], 0)

    def test_comment_set_and_comment_count_are_read_only(self):
        response = self.client.put(
            reverse('articles:api_article_detail', args=[self.article.pk]),
            {'title': '새 제목', 'content': '새 본문', 'comment_set': [], 'comment_count': 99},
            format='json',
        )
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        self.assertEqual(response.data['comment_count'], 1)
        self.assertTrue(Comment.objects.filter(pk=self.comment.pk).exists())

    def test_article_list_keeps_its_short_shape(self):
        response = self.client.get(reverse('articles:api_article_list'))
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        for item in response.data:
            self.assertTrue({'id', 'title'} <= set(item))


class QueryCountTests(APITestCase):
    """The number of SQL queries must not grow with the rows (no N+1).

    Counted with 1 row and with 60; both must equal the same constant. A serializer that reads
    ``comment_set`` or ``comment_set.count`` per article, without a prefetch, fails here.
    """

    # Article detail: the article, then all its comments in one query (prefetch_related); the
    # count is taken from the prefetched comments, in memory.
    ARTICLE_DETAIL_QUERIES = 2
    # Comment list: one SELECT; ``article`` is the stored article_id, no join needed.
    COMMENT_LIST_QUERIES = 1
    # json-3 lists whole articles with nested comments: articles, then all their comments.
    NESTED_LIST_QUERIES = 2
    MANY = 60

    def make_rows(self, articles, comments_each):
        made = Article.objects.bulk_create(
            Article(title=f'글 {i}', content='본문') for i in range(articles)
        )
        Comment.objects.bulk_create(
            Comment(article=article, content=f'댓글 {j}')
            for article in made
            for j in range(comments_each)
        )
        return Article.objects.order_by('pk').first()

    def test_article_detail_queries_do_not_grow_with_its_comments(self):
        for comments in (1, self.MANY):
            with self.subTest(comments=comments):
                Article.objects.all().delete()
                article = self.make_rows(articles=1, comments_each=comments)
                url = reverse('articles:api_article_detail', args=[article.pk])
                with self.assertNumQueries(self.ARTICLE_DETAIL_QUERIES):
                    response = self.client.get(url)
                self.assertEqual(response.json()['comment_count'], comments)
                self.assertEqual(len(response.json()['comment_set']), comments)

    def test_comment_list_queries_do_not_grow_with_the_comments(self):
        for articles in (1, self.MANY):
            with self.subTest(articles=articles):
                Article.objects.all().delete()
                self.make_rows(articles=articles, comments_each=1)
                with self.assertNumQueries(self.COMMENT_LIST_QUERIES):
                    response = self.client.get(reverse('articles:api_comment_list'))
                self.assertEqual(len(response.json()), articles)

    def test_nested_article_list_queries_do_not_grow_with_the_articles(self):
        for articles in (1, self.MANY):
            with self.subTest(articles=articles):
                Article.objects.all().delete()
                self.make_rows(articles=articles, comments_each=2)
                with self.assertNumQueries(self.NESTED_LIST_QUERIES):
                    response = self.client.get(reverse('articles:article_json_3'))
                data = response.json()
                self.assertEqual(len(data), articles)
                self.assertTrue(
                    all(item['comment_count'] == 2 == len(item['comment_set']) for item in data)
                )
