"""Token sign-in (dj-rest-auth + allauth) and the Authorization header."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from rest_framework import status
from rest_framework.authtoken.models import Token

from .base import APITestBase

User = get_user_model()


class SignupTests(APITestBase):
    url = reverse("rest_register")

    def test_signup_returns_a_working_token(self):
        response = self.client.post(
            self.url,
            {"username": "carol", "password1": "s3cure-Pass!", "password2": "s3cure-Pass!"},
        )
        self.assertEqual(response.status_code, status.HTTP_201_CREATED)
        key = response.json()["key"]
        self.client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        response = self.client.get(reverse("rest_user_details"))
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        self.assertEqual(response.json()["username"], "carol")

    def test_korean_username(self):
        response = self.client.post(
            self.url,
            {"username": "김철수", "password1": "s3cure-Pass!", "password2": "s3cure-Pass!"},
        )
        self.assertEqual(response.status_code, status.HTTP_201_CREATED)
        self.assertTrue(User.objects.filter(username="김철수").exists())

    def test_signup_errors_are_field_errors_and_write_nothing(self):
        cases = {
            "passwords differ": (
                {"username": "dave", "password1": "s3cure-Pass!", "password2": "other-Pass!"},
                "non_field_errors",
            ),
            "weak password": (
                {"username": "dave", "password1": "123", "password2": "123"},
                "password1",
            ),
            "taken name": (
                {"username": "alice", "password1": "s3cure-Pass!", "password2": "s3cure-Pass!"},
                "username",
            ),
            "missing name": (
                {"password1": "s3cure-Pass!", "password2": "s3cure-Pass!"},
                "username",
            ),
        }
        users = User.objects.count()
        for name, (body, field) in cases.items():
            with self.subTest(case=name):
                response = self.client.post(self.url, body)
                self.assertEqual(response.status_code, status.HTTP_400_BAD_REQUEST)
                self.assertIsInstance(response.json()[field], list)
                self.assertEqual(User.objects.count(), users)

    def test_signup_malformed_json(self):
        response = self.client.post(self.url, b"{", content_type="application/json")
        self.assertEqual(response.status_code, status.HTTP_400_BAD_REQUEST)


class LoginLogoutTests(APITestBase):
    def test_login_returns_the_key(self):
        response = self.client.post(
            reverse("rest_login"), {"username": "alice", "password": "alice-pass-123"}
        )
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        self.assertEqual(response.json(), {"key": self.tokens["alice"]})

    def test_wrong_password_is_400(self):
        response = self.client.post(
            reverse("rest_login"), {"username": "alice", "password": "nope"}
        )
        self.assertEqual(response.status_code, status.HTTP_400_BAD_REQUEST)
        self.assertIn("non_field_errors", response.json())

    def test_no_session_cookie(self):
        response = self.client.post(
            reverse("rest_login"), {"username": "alice", "password": "alice-pass-123"}
        )
        self.assertNotIn("sessionid", response.cookies)

    def test_logout_invalidates_the_token(self):
        self.sign_in(self.alice)
        response = self.client.post(reverse("rest_logout"))
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        self.assertFalse(Token.objects.filter(key=self.tokens["alice"]).exists())
        response = self.client.get(reverse("rest_user_details"))
        self.assertEqual(response.status_code, status.HTTP_401_UNAUTHORIZED)

    def test_user_needs_a_token(self):
        self.assertEqual(
            self.client.get(reverse("rest_user_details")).status_code, status.HTTP_401_UNAUTHORIZED
        )
        self.sign_in(self.bob)
        self.assertEqual(self.client.get(reverse("rest_user_details")).json()["username"], "bob")


class AuthorizationHeaderTests(APITestBase):
    """Whatever the header says, the answer is 401 (or anonymous), never 500."""

    def test_bad_headers_are_401(self):
        headers = [
            "Token",
            "Token ",
            "Token a b",
            "Token nosuchkey",
            "Bearer",
            "Bearer not.a.jwt",
            "Token 안녕".encode().decode("latin-1"),  # how WSGI hands over UTF-8 bytes
            "Bearer a b",
            "Bearer " + "x" * 5000,
            "Token " + self.tokens["alice"][:-1] + "\x7f",
        ]
        for header in headers:
            with self.subTest(header=header[:40]):
                self.client.credentials(HTTP_AUTHORIZATION=header)
                response = self.client.get(reverse("rest_user_details"))
                self.assertEqual(response.status_code, status.HTTP_401_UNAUTHORIZED)
                self.assertIn("detail", response.json())
                response = self.client.post(reverse("article-list"), {"title": "t", "content": "c"})
                self.assertEqual(response.status_code, status.HTTP_401_UNAUTHORIZED)

    def test_unknown_scheme_is_anonymous(self):
        self.client.credentials(HTTP_AUTHORIZATION="Basic YWxpY2U6cGFzcw==")
        self.assertEqual(self.client.get(reverse("article-list")).status_code, status.HTTP_200_OK)
        response = self.client.post(reverse("article-list"), {"title": "t", "content": "c"})
        self.assertEqual(response.status_code, status.HTTP_401_UNAUTHORIZED)
        self.assertEqual(response["WWW-Authenticate"], "Token")


class ThrottleTests(APITestBase):
    def test_anonymous_requests_are_throttled(self):
        from unittest import mock

        from rest_framework.throttling import AnonRateThrottle

        with mock.patch.object(
            AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/minute", "user": None}
        ):
            codes = [self.client.get(reverse("article-list")).status_code for _ in range(3)]
        self.assertEqual(
            codes, [status.HTTP_200_OK, status.HTTP_200_OK, status.HTTP_429_TOO_MANY_REQUESTS]
        )
