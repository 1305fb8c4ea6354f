"""Kind 12: every documented answer is the answer. Real responses, checked against the schema.

schemathesis (scripts/fuzz.py) checks the same with generated input; here each route's success
answer, which a fuzzer rarely reaches (it needs the right password), is checked by hand.
"""

import copy
import re

import jsonschema
from django.urls import resolve, reverse
from rest_framework import status

from .base import APITestBase

PASSWORD = "Correct-Horse-42"


def to_json_schema(node, components):
    """An OpenAPI 3.0 schema as JSON Schema: $refs inlined, `nullable` as a "null" type."""
    if isinstance(node, list):
        return [to_json_schema(item, components) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        return to_json_schema(components[node["$ref"].rsplit("/", 1)[-1]], components)
    node = {key: to_json_schema(value, components) for key, value in node.items()}
    if node.pop("nullable", False) and "type" in node:
        node["type"] = [node["type"], "null"]
    return node


class SchemaMatchesAnswersTests(APITestBase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.schema = None

    def setUp(self):
        super().setUp()
        if SchemaMatchesAnswersTests.schema is None:
            SchemaMatchesAnswersTests.schema = self.client.get(
                reverse("schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json"
            ).json()

    def assertMatchesSchema(self, response, method):
        """The body matches what the schema documents for this route, method and status."""
        match = resolve(response.request["PATH_INFO"])
        route = re.sub(r"\(\?P<(\w+)>[^)]*\)|<(?:\w+:)?(\w+)>", r"{\1\2}", match.route)
        template = "/" + route.replace("{pk}", "{id}").replace("^", "").replace("$", "")
        operation = self.schema["paths"][template][method]
        documented = operation["responses"].get(str(response.status_code))
        self.assertIsNotNone(documented, f"{method} {template} {response.status_code} undocumented")
        content = documented.get("content")
        if not response.content:
            return
        self.assertIsNotNone(
            content, f"{method} {template} {response.status_code}: no body documented"
        )
        body_schema = to_json_schema(
            copy.deepcopy(content["application/json"]["schema"]),
            self.schema["components"]["schemas"],
        )
        jsonschema.validate(response.json(), body_schema)

    def post(self, name, data, **kwargs):
        response = self.client.post(reverse(name, kwargs=kwargs or None), data)
        self.assertLess(response.status_code, 300, response.content)
        self.assertMatchesSchema(response, "post")
        return response.json()

    def test_account_answers_match_the_schema(self):
        self.post(
            "rest_register", {"username": "carol", "password1": PASSWORD, "password2": PASSWORD}
        )
        self.post("rest_login", {"username": "alice", "password": "alice-pass-123"})
        self.post("rest_password_reset", {"email": "nobody@example.com"})
        tokens = self.post("jwt_create", {"username": "alice", "password": "alice-pass-123"})
        tokens = self.post("jwt_refresh", {"refresh": tokens["refresh"]})
        self.post("jwt_verify", {"token": tokens["access"]})
        self.post("jwt_logout", {"refresh": tokens["refresh"]})
        self.sign_in(self.alice)
        response = self.client.get(reverse("rest_user_details"))
        self.assertMatchesSchema(response, "get")
        response = self.client.put(reverse("rest_user_details"), {"username": "alice"})
        self.assertMatchesSchema(response, "put")
        self.post(
            "rest_password_change",
            {
                "old_password": "alice-pass-123",
                "new_password1": "N3w-pass-42",
                "new_password2": "N3w-pass-42",
            },
        )

    def test_article_and_comment_answers_match_the_schema(self):
        self.sign_in(self.alice)
        article = self.post("article-list", {"title": "t", "content": "c"})
        self.post("article-comment-create", {"content": "hi"}, article_pk=article["id"])
        for url in [
            reverse("article-list"),
            reverse("article-detail", kwargs={"pk": article["id"]}),
            reverse("comment-list"),
            reverse("comment-detail", kwargs={"pk": self.comment.pk}),
        ]:
            with self.subTest(url=url):
                self.assertMatchesSchema(self.client.get(url), "get")

    def test_refusals_match_the_schema(self):
        for response, method in [
            (self.client.post(reverse("rest_login"), {"username": "alice"}), "post"),
            (self.client.post(reverse("jwt_refresh"), {"refresh": "x"}), "post"),
            (self.client.get(reverse("rest_user_details")), "get"),
            (self.client.get(reverse("article-list"), {"search": "a" * 300}), "get"),
        ]:
            with self.subTest(path=response.request["PATH_INFO"], status=response.status_code):
                self.assertGreaterEqual(response.status_code, status.HTTP_400_BAD_REQUEST)
                self.assertMatchesSchema(response, method)
