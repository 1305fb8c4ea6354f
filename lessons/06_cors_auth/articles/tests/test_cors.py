"""Lesson 06: CORS (교차 출처 자원 공유) headers from django-cors-headers.

Only the lesson's client origins (port 8080) get ``Access-Control-Allow-Origin``; a preflight for a
POST with a token and a JSON body is answered with the methods and headers a browser asks about.
"""

from django.test import override_settings
from django.urls import reverse
from rest_framework import status
from rest_framework.test import APITestCase

ALLOWED = ['http://localhost:8080', 'http://127.0.0.1:8080']


@override_settings(CORS_ALLOWED_ORIGINS=ALLOWED)  # COURSE_CORS may differ where the tests run
class CorsTests(APITestCase):
    def test_settings_order_cors_middleware_above_common(self):
        from django.conf import settings

        middleware = settings.MIDDLEWARE
        self.assertLess(
            middleware.index('corsheaders.middleware.CorsMiddleware'),
            middleware.index('django.middleware.common.CommonMiddleware'),
        )

    def test_allowed_origins_are_named_in_the_answer(self):
        for origin in ALLOWED:
            with self.subTest(origin=origin):
                response = self.client.get(reverse('articles:api_article_list'), HTTP_ORIGIN=origin)
                self.assertEqual(response.status_code, status.HTTP_200_OK)
                self.assertEqual(response['Access-Control-Allow-Origin'], origin)

    def test_other_origins_get_no_allow_origin(self):
        others = [
            'http://127.0.0.1:8081',
            'https://127.0.0.1:8080',
            'http://evil.example',
            'http://localhost',
            'null',
        ]
        for origin in others:
            with self.subTest(origin=origin):
                response = self.client.get(reverse('articles:api_article_list'), HTTP_ORIGIN=origin)
                # The server still answers: it is the browser that refuses to hand it to the page.
                self.assertEqual(response.status_code, status.HTTP_200_OK)
                self.assertNotIn('Access-Control-Allow-Origin', response)

    def test_preflight_for_an_authenticated_json_post(self):
        response = self.client.options(
            reverse('articles:api_article_list'),
            HTTP_ORIGIN='http://localhost:8080',
            HTTP_ACCESS_CONTROL_REQUEST_METHOD='POST',
            HTTP_ACCESS_CONTROL_REQUEST_HEADERS='authorization, content-type',
        )
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        self.assertEqual(response['Access-Control-Allow-Origin'], 'http://localhost:8080')
        methods = [m.strip() for m in response['Access-Control-Allow-Methods'].split(',')]
        headers = [h.strip() for h in response['Access-Control-Allow-Headers'].lower().split(',')]
        self.assertIn('POST', methods)
        self.assertIn('authorization', headers)
        self.assertIn('content-type', headers)

    def test_preflight_from_another_origin_allows_nothing(self):
        response = self.client.options(
            reverse('articles:api_article_list'),
            HTTP_ORIGIN='http://evil.example',
            HTTP_ACCESS_CONTROL_REQUEST_METHOD='POST',
            HTTP_ACCESS_CONTROL_REQUEST_HEADERS='authorization',
        )
        self.assertNotIn('Access-Control-Allow-Origin', response)

    def test_errors_carry_cors_headers_too(self):
        """A 401 must reach the page as a 401, not as a CORS failure: it carries the header as well."""
        response = self.client.post(
            reverse('articles:api_article_list'),
            {},
            format='json',
            HTTP_ORIGIN='http://127.0.0.1:8080',
        )
        self.assertEqual(response.status_code, status.HTTP_401_UNAUTHORIZED)
        self.assertEqual(response['Access-Control-Allow-Origin'], 'http://127.0.0.1:8080')

    def test_the_switch_turns_cors_off(self):
        with override_settings(CORS_ALLOWED_ORIGINS=[]):
            response = self.client.get(
                reverse('articles:api_article_list'), HTTP_ORIGIN='http://127.0.0.1:8080'
            )
        self.assertNotIn('Access-Control-Allow-Origin', response)
