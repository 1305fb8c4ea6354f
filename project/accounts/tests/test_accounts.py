"""Issue 10, kinds 4 and 5: auth answers that tell the truth, and limits on signing in."""

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.urls import reverse
from rest_framework import status
from rest_framework.authtoken.models import Token

from articles.tests.base import PASSWORD, APITestBase

User = get_user_model()


class SignUpTests(APITestBase):
    def test_sign_up_answers_the_token_only(self):
        response = self.sign_up("carol")
        self.assertEqual(response.status_code, status.HTTP_201_CREATED)
        self.assertEqual(set(response.json()), {"key"})
        self.assertEqual(dict(response.cookies), {})  # no sessionid, csrftoken or messages
        self.assertFalse(Session.objects.exists())

    def test_full_width_username_is_the_ascii_one(self):
        response = self.sign_up("ａｌｉｃｅ")  # full-width: NFKC reads it as "alice", who exists
        self.assertEqual(response.status_code, status.HTTP_400_BAD_REQUEST)
        self.assertIn("username", response.json())
        self.assertEqual(self.sign_up("ｃａｒｏｌ").status_code, status.HTTP_201_CREATED)
        self.assertTrue(User.objects.filter(username="carol").exists())  # stored normalised

    def test_look_alike_usernames_are_refused(self):
        User.objects.create_user("ape", password=PASSWORD)
        for name in [
            "\u0430lice",  # Cyrillic a, then Latin "lice": mixed scripts that imitate
            "b\u043eb",  # Cyrillic o inside Latin letters
            "\u0430\u0440\u0435",  # all Cyrillic, reads "ape", an existing user
        ]:
            with self.subTest(name=name):
                response = self.sign_up(name)
                self.assertEqual(response.status_code, status.HTTP_400_BAD_REQUEST)
                self.assertIn("username", response.json())
        self.assertEqual(User.objects.count(), 4)

    def test_korean_and_plain_names_still_sign_up(self):
        for name in ["김철수", "dave", "홍길동2"]:
            with self.subTest(name=name):
                self.assertEqual(self.sign_up(name).status_code, status.HTTP_201_CREATED)


class UserDetailsTests(APITestBase):
    def test_put_of_ones_own_unchanged_username_is_200(self):
        self.sign_in(self.alice)
        url = reverse("rest_user_details")
        response = self.client.put(url, {"username": "alice", "first_name": "Alice"})
        self.assertEqual(response.status_code, status.HTTP_200_OK, response.content)
        self.assertEqual(response.json()["first_name"], "Alice")
        response = self.client.put(url, {"username": "bob"})
        self.assertEqual(response.status_code, status.HTTP_400_BAD_REQUEST)
        self.assertIn("username", response.json())


class PasswordChangeTests(APITestBase):
    def change(self, old, new="New-Pass-7890"):
        return self.client.post(
            reverse("rest_password_change"),
            {"old_password": old, "new_password1": new, "new_password2": new},
        )

    def test_the_current_password_is_required(self):
        self.sign_in(self.alice)
        response = self.change("wrong-password")
        self.assertEqual(response.status_code, status.HTTP_400_BAD_REQUEST)
        self.assertIn("old_password", response.json())
        response = self.client.post(
            reverse("rest_password_change"),
            {"new_password1": "New-Pass-7890", "new_password2": "New-Pass-7890"},
        )
        self.assertEqual(response.status_code, status.HTTP_400_BAD_REQUEST)
        self.assertIn("old_password", response.json())
        self.alice.refresh_from_db()
        self.assertTrue(self.alice.check_password("alice-pass-123"))

    def test_a_change_revokes_every_earlier_token(self):
        jwt = self.client.post(
            reverse("jwt_create"), {"username": "alice", "password": "alice-pass-123"}
        ).json()
        self.sign_in(self.alice)
        response = self.change("alice-pass-123")
        self.assertEqual(response.status_code, status.HTTP_200_OK, response.content)
        self.assertFalse(Token.objects.filter(user=self.alice).exists())
        # The DRF token, the JWT access token and the refresh token are all refused now.
        self.assertEqual(
            self.client.get(reverse("rest_user_details")).status_code, status.HTTP_401_UNAUTHORIZED
        )
        self.client.credentials(HTTP_AUTHORIZATION=f"Bearer {jwt['access']}")
        self.assertEqual(
            self.client.get(reverse("rest_user_details")).status_code, status.HTTP_401_UNAUTHORIZED
        )
        self.client.credentials()
        response = self.client.post(reverse("jwt_refresh"), {"refresh": jwt["refresh"]})
        self.assertEqual(response.status_code, status.HTTP_401_UNAUTHORIZED)
        # The new password works.
        response = self.client.post(
            reverse("rest_login"), {"username": "alice", "password": "New-Pass-7890"}
        )
        self.assertEqual(response.status_code, status.HTTP_200_OK)


class JWTLogoutTests(APITestBase):
    def test_token_logout_refuses_jwt_callers_and_points_to_jwt_logout(self):
        jwt = self.client.post(
            reverse("jwt_create"), {"username": "alice", "password": "alice-pass-123"}
        ).json()
        self.client.credentials(HTTP_AUTHORIZATION=f"Bearer {jwt['access']}")
        response = self.client.post(reverse("rest_logout"), {"refresh": jwt["refresh"]})
        self.assertEqual(response.status_code, status.HTTP_400_BAD_REQUEST)
        self.assertIn(reverse("jwt_logout"), response.json()["detail"])
        self.assertTrue(Token.objects.filter(user=self.alice).exists())  # nothing was done
        response = self.client.post(reverse("jwt_logout"), {"refresh": jwt["refresh"]})
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        response = self.client.post(reverse("jwt_refresh"), {"refresh": jwt["refresh"]})
        self.assertEqual(response.status_code, status.HTTP_401_UNAUTHORIZED)


class SignInLimitTests(APITestBase):
    """django-axes: AXES_FAILURE_LIMIT failed sign-ins per account or per client, then 429."""

    def fail(self, route, username, **extra):
        password = {"password": "wrong-password"}
        if route == "admin:login":
            return self.client.post(
                reverse(route), {"username": username, **password}, format="multipart", **extra
            )
        return self.client.post(reverse(route), {"username": username, **password}, **extra)

    def assertLockedOut(self, response):
        self.assertEqual(
            response.status_code, status.HTTP_429_TOO_MANY_REQUESTS, response.content[:200]
        )
        self.assertIn("detail", response.json())
        self.assertIn("Retry-After", response)

    def test_failed_logins_lock_the_account_even_for_the_right_password(self):
        from django.conf import settings

        for route in ["rest_login", "jwt_create", "admin:login"]:
            with self.subTest(route=route):
                for i in range(settings.AXES_FAILURE_LIMIT - 1):
                    self.assertNotEqual(
                        self.fail(route, "bob", REMOTE_ADDR=f"10.0.0.{i}").status_code,
                        status.HTTP_429_TOO_MANY_REQUESTS,
                    )
                self.assertLockedOut(self.fail(route, "bob", REMOTE_ADDR="10.0.1.1"))
                response = self.client.post(
                    reverse("rest_login"),
                    {"username": "bob", "password": "bob-pass-123"},
                    REMOTE_ADDR="10.0.2.2",
                )
                self.assertLockedOut(response)
                from axes.utils import reset

                reset()

    def test_one_client_is_limited_across_accounts_whatever_x_forwarded_for_says(self):
        from django.conf import settings

        for i in range(settings.AXES_FAILURE_LIMIT):
            self.fail("rest_login", f"nobody{i}", HTTP_X_FORWARDED_FOR=f"203.0.113.{i}")
        response = self.client.post(
            reverse("rest_login"),
            {"username": "alice", "password": "alice-pass-123"},
            HTTP_X_FORWARDED_FOR="198.51.100.7",
        )
        self.assertLockedOut(response)
        # Another client may still sign in as alice.
        response = self.client.post(
            reverse("rest_login"),
            {"username": "alice", "password": "alice-pass-123"},
            REMOTE_ADDR="192.0.2.9",
        )
        self.assertEqual(response.status_code, status.HTTP_200_OK)

    def test_the_anonymous_throttle_ignores_x_forwarded_for(self):
        from unittest import mock

        from rest_framework.throttling import AnonRateThrottle

        with mock.patch.object(
            AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/minute", "user": None}
        ):
            codes = [
                self.client.get(
                    reverse("article-list"), HTTP_X_FORWARDED_FOR=f"203.0.113.{i}"
                ).status_code
                for i in range(3)
            ]
        self.assertEqual(codes[-1], status.HTTP_429_TOO_MANY_REQUESTS)
