"""The OpenAPI 3 schema and its docs page."""

import yaml
from django.urls import reverse
from drf_spectacular.validation import validate_schema
from rest_framework import status

from .base import APITestBase


class SchemaTests(APITestBase):
    def test_schema_is_valid_openapi_3(self):
        response = self.client.get(
            reverse("schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json"
        )
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        schema = response.json()
        self.assertTrue(schema["openapi"].startswith("3."))
        validate_schema(schema)  # raises on an invalid document
        for path in [
            "/api/v1/articles/",
            "/api/v1/articles/{id}/",
            "/api/v1/comments/",
            "/api/v1/comments/{id}/",
            "/api/v1/articles/{article_pk}/comments/",
            "/accounts/signup/",
            "/accounts/login/",
            "/accounts/jwt/create/",
        ]:
            self.assertIn(path, schema["paths"])
        schemes = schema["components"]["securitySchemes"]
        self.assertEqual(schemes["jwtAuth"]["scheme"], "bearer")
        self.assertIn("tokenAuth", schemes)

    def test_schema_yaml(self):
        response = self.client.get(reverse("schema"))
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        self.assertTrue(yaml.safe_load(response.content)["openapi"].startswith("3."))

    def test_docs_page_is_html(self):
        response = self.client.get(reverse("docs"))
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        self.assertIn("text/html", response["Content-Type"])
        self.assertIn(reverse("schema").encode(), response.content)


class SchemaErrorAnswersTests(APITestBase):
    """Issue 10, kind 5: the schema documents the refusals, not only the successes."""

    def setUp(self):
        super().setUp()
        self.schema = self.client.get(
            reverse("schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json"
        ).json()

    def test_every_operation_lists_its_error_answers(self):
        paths = self.schema["paths"]
        create = paths["/api/v1/articles/"]["post"]["responses"]
        self.assertLessEqual({"400", "401", "413", "429"}, set(create))
        update = paths["/api/v1/articles/{id}/"]["put"]["responses"]
        self.assertLessEqual({"400", "401", "403", "404", "413", "429"}, set(update))
        login = paths["/accounts/login/"]["post"]["responses"]
        self.assertLessEqual({"400", "413", "429"}, set(login))
        self.assertEqual(
            create["413"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/Error",
        )
        self.assertIn("405", self.schema["info"]["description"])
        for path, operations in paths.items():
            for method, operation in operations.items():
                with self.subTest(path=path, method=method):
                    self.assertIn("429", operation["responses"])

    def test_text_bounds_are_in_the_schema(self):
        schemas = self.schema["components"]["schemas"]
        self.assertEqual(schemas["ArticleRequest"]["properties"]["content"]["maxLength"], 20_000)
        self.assertEqual(schemas["CommentRequest"]["properties"]["content"]["maxLength"], 2_000)
