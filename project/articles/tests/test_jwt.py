"""JWT sign-in beside token sign-in: obtain, use, expire, refresh, rotate, blacklist."""

from datetime import timedelta
from unittest import mock

from django.conf import settings
from django.urls import reverse
from rest_framework import status
from rest_framework_simplejwt.tokens import AccessToken
from rest_framework_simplejwt.utils import aware_utcnow

from .base import APITestBase


class JWTTests(APITestBase):
    def obtain(self):
        response = self.client.post(
            reverse("jwt_create"), {"username": "alice", "password": "alice-pass-123"}
        )
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        return response.json()

    def bearer(self, access):
        self.client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")

    def test_access_lifetime_is_five_minutes_or_less(self):
        self.assertLessEqual(settings.SIMPLE_JWT["ACCESS_TOKEN_LIFETIME"], timedelta(minutes=5))
        access = AccessToken(self.obtain()["access"])
        self.assertLessEqual(access["exp"] - access["iat"], 300)

    def test_obtain_and_use_beside_token_auth(self):
        pair = self.obtain()
        self.assertEqual(set(pair), {"access", "refresh"})
        self.bearer(pair["access"])
        self.assertEqual(self.client.get(reverse("rest_user_details")).json()["username"], "alice")
        response = self.client.post(reverse("article-list"), {"title": "jwt", "content": "c"})
        self.assertEqual(response.status_code, status.HTTP_201_CREATED)
        self.assertEqual(response.json()["user"], self.alice.pk)
        # and the token scheme still works
        self.sign_in(self.bob)
        self.assertEqual(self.client.get(reverse("rest_user_details")).json()["username"], "bob")

    def test_wrong_password(self):
        response = self.client.post(
            reverse("jwt_create"), {"username": "alice", "password": "nope"}
        )
        self.assertEqual(response.status_code, status.HTTP_401_UNAUTHORIZED)

    def test_expired_access_token_is_rejected(self):
        access = self.obtain()["access"]
        later = aware_utcnow() + settings.SIMPLE_JWT["ACCESS_TOKEN_LIFETIME"] + timedelta(seconds=1)
        self.bearer(access)
        with mock.patch("rest_framework_simplejwt.tokens.aware_utcnow", return_value=later):
            response = self.client.get(reverse("rest_user_details"))
        self.assertEqual(response.status_code, status.HTTP_401_UNAUTHORIZED)
        self.assertEqual(response.json()["code"], "token_not_valid")
        # before expiry the same token works
        self.assertEqual(
            self.client.get(reverse("rest_user_details")).status_code, status.HTTP_200_OK
        )

    def test_verify(self):
        access = self.obtain()["access"]
        self.assertEqual(
            self.client.post(reverse("jwt_verify"), {"token": access}).status_code,
            status.HTTP_200_OK,
        )
        response = self.client.post(reverse("jwt_verify"), {"token": access + "x"})
        self.assertEqual(response.status_code, status.HTTP_401_UNAUTHORIZED)

    def test_refresh_rotates_and_blacklists_the_old_refresh_token(self):
        pair = self.obtain()
        response = self.client.post(reverse("jwt_refresh"), {"refresh": pair["refresh"]})
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        new = response.json()
        self.assertEqual(set(new), {"access", "refresh"})
        self.assertNotEqual(new["refresh"], pair["refresh"])
        self.bearer(new["access"])
        self.assertEqual(
            self.client.get(reverse("rest_user_details")).status_code, status.HTTP_200_OK
        )
        # the old refresh token was used once and is dead now
        self.client.credentials()
        response = self.client.post(reverse("jwt_refresh"), {"refresh": pair["refresh"]})
        self.assertEqual(response.status_code, status.HTTP_401_UNAUTHORIZED)
        # the new one still works
        response = self.client.post(reverse("jwt_refresh"), {"refresh": new["refresh"]})
        self.assertEqual(response.status_code, status.HTTP_200_OK)

    def test_logout_blacklists_the_refresh_token(self):
        pair = self.obtain()
        response = self.client.post(reverse("jwt_logout"), {"refresh": pair["refresh"]})
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        response = self.client.post(reverse("jwt_refresh"), {"refresh": pair["refresh"]})
        self.assertEqual(response.status_code, status.HTTP_401_UNAUTHORIZED)
        response = self.client.post(reverse("jwt_logout"), {"refresh": pair["refresh"]})
        self.assertEqual(response.status_code, status.HTTP_401_UNAUTHORIZED)

    def test_bad_refresh_input_is_4xx(self):
        for body in [{}, {"refresh": ""}, {"refresh": "garbage"}, {"refresh": 5}]:
            with self.subTest(body=body):
                response = self.client.post(reverse("jwt_refresh"), body, format="json")
                self.assertIn(
                    response.status_code,
                    (status.HTTP_400_BAD_REQUEST, status.HTTP_401_UNAUTHORIZED),
                )

    def test_access_token_is_not_a_refresh_token(self):
        pair = self.obtain()
        response = self.client.post(reverse("jwt_refresh"), {"refresh": pair["access"]})
        self.assertEqual(response.status_code, status.HTTP_401_UNAUTHORIZED)
