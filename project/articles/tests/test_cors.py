"""CORS: the two front-end origins get the header, any other origin gets none."""

from django.urls import reverse
from rest_framework import status

from .base import APITestBase

ALLOWED = ["http://localhost:8080", "http://127.0.0.1:8080"]


class CORSTests(APITestBase):
    def test_allowed_origins_are_named(self):
        for origin in ALLOWED:
            with self.subTest(origin=origin):
                response = self.client.get(reverse("article-list"), HTTP_ORIGIN=origin)
                self.assertEqual(response["Access-Control-Allow-Origin"], origin)

    def test_other_origins_get_no_header(self):
        for origin in [
            "http://evil.example",
            "http://localhost:8081",
            "https://localhost:8080",
            "null",
        ]:
            with self.subTest(origin=origin):
                response = self.client.get(reverse("article-list"), HTTP_ORIGIN=origin)
                self.assertNotIn("Access-Control-Allow-Origin", response)

    def test_preflight(self):
        for origin in ALLOWED:
            with self.subTest(origin=origin):
                response = self.client.options(
                    reverse("article-list"),
                    HTTP_ORIGIN=origin,
                    HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
                    HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, content-type",
                )
                self.assertEqual(response.status_code, status.HTTP_200_OK)
                self.assertEqual(response["Access-Control-Allow-Origin"], origin)
                self.assertIn("POST", response["Access-Control-Allow-Methods"])
                self.assertIn("authorization", response["Access-Control-Allow-Headers"].lower())

    def test_errors_carry_the_header_too(self):
        response = self.client.post(reverse("article-list"), {}, HTTP_ORIGIN=ALLOWED[0])
        self.assertEqual(response.status_code, status.HTTP_401_UNAUTHORIZED)
        self.assertEqual(response["Access-Control-Allow-Origin"], ALLOWED[0])
