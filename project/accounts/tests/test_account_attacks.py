"""Issue 19: attacks on the accounts routes, each replayed against the real views."""

import re

from axes.utils import reset
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from rest_framework import status
from rest_framework.authtoken.models import Token

from articles.tests.base import PASSWORD, APITestBase

User = get_user_model()
NEW_PASSWORD = "New-Pass-7890"


class AttackTestBase(APITestBase):
    def jwt(self, username="alice", password="alice-pass-123"):
        response = self.client.post(
            reverse("jwt_create"), {"username": username, "password": password}
        )
        self.assertEqual(response.status_code, status.HTTP_200_OK, response.content)
        return response.json()

    def assertLockedOut(self, response):
        self.assertEqual(
            response.status_code, status.HTTP_429_TOO_MANY_REQUESTS, response.content[:200]
        )
        self.assertIn("detail", response.json())
        self.assertIn("Retry-After", response)


class LockoutPerAccountTests(AttackTestBase):
    """Kind 1: every spelling that signs in as an account shares that account's failures."""

    SPELLINGS = ["root", "ROOT", "Root", "ｒｏｏｔ", "rOOt"]

    def sign_in(self, route, username, password, address):
        data = {"username": username, "password": password}
        if route == "admin:login":
            return self.client.post(reverse(route), data, format="multipart", REMOTE_ADDR=address)
        return self.client.post(reverse(route), data, REMOTE_ADDR=address)

    def test_failures_in_any_spelling_lock_every_spelling_on_every_route(self):
        for route in ["rest_login", "jwt_create", "admin:login"]:
            with self.subTest(route=route):
                reset()
                # The right password in other capitals signs in (allauth's backend), as before.
                if route != "admin:login":
                    response = self.sign_in(route, "ROOT", "root-pass-123", "10.9.9.9")
                    self.assertEqual(response.status_code, status.HTTP_200_OK, response.content)
                for i in range(settings.AXES_FAILURE_LIMIT):
                    spelling = self.SPELLINGS[i % len(self.SPELLINGS)]
                    self.sign_in(route, spelling, "wrong-password", f"10.0.{i}.1")
                # Locked: every spelling, from a fresh address, with the right password.
                for spelling in ["root", "ROOT", "Root"]:
                    for locked_route in ["rest_login", "jwt_create", "admin:login"]:
                        self.assertLockedOut(
                            self.sign_in(locked_route, spelling, "root-pass-123", "192.0.2.77")
                        )
        # Another account is not affected.
        response = self.sign_in("rest_login", "bob", "bob-pass-123", "192.0.2.77")
        self.assertEqual(response.status_code, status.HTTP_200_OK)


class PasswordChangeLockoutTests(AttackTestBase):
    """Kind 2: a stolen token cannot guess the old password without limit."""

    def change(self, old):
        return self.client.post(
            reverse("rest_password_change"),
            {"old_password": old, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
            REMOTE_ADDR="10.1.1.1",
        )

    def test_wrong_old_passwords_count_toward_the_lockout(self):
        self.client.credentials(HTTP_AUTHORIZATION=f"Bearer {self.jwt()['access']}")
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            response = self.change("wrong-guess")
            self.assertEqual(response.status_code, status.HTTP_400_BAD_REQUEST)
            self.assertIn("old_password", response.json())
        self.assertLockedOut(self.change("wrong-guess"))
        # Now even the right old password is refused, and nothing changed.
        self.assertLockedOut(self.change("alice-pass-123"))
        self.alice.refresh_from_db()
        self.assertTrue(self.alice.check_password("alice-pass-123"))
        # The account's sign-in is locked too, from anywhere.
        self.client.credentials()
        response = self.client.post(
            reverse("rest_login"),
            {"username": "alice", "password": "alice-pass-123"},
            REMOTE_ADDR="192.0.2.1",
        )
        self.assertLockedOut(response)

    def test_the_right_old_password_still_works(self):
        self.sign_in(self.alice)
        self.assertEqual(self.change("wrong-guess").status_code, status.HTTP_400_BAD_REQUEST)
        self.assertEqual(self.change("alice-pass-123").status_code, status.HTTP_200_OK)
        self.alice.refresh_from_db()
        self.assertTrue(self.alice.check_password(NEW_PASSWORD))


class JWTUserGoneTests(AttackTestBase):
    """Kinds 5 and 6: refresh, logout and verify refuse what every other route refuses."""

    def post(self, name, **data):
        return self.client.post(reverse(name), data)

    def test_a_deleted_users_refresh_token_is_401_on_refresh_and_logout(self):
        carol = User.objects.create_user("carol", password=PASSWORD)
        tokens = self.jwt("carol", PASSWORD)
        carol.delete()
        for name in ["jwt_refresh", "jwt_logout"]:
            with self.subTest(name=name):
                response = self.post(name, refresh=tokens["refresh"])
                self.assertEqual(response.status_code, status.HTTP_401_UNAUTHORIZED)
                self.assertIn("detail", response.json())

    def test_verify_refuses_the_tokens_other_routes_refuse(self):
        def deactivate(user):
            user.is_active = False
            user.save()

        def change_password(user):
            user.set_password(NEW_PASSWORD)
            user.save()

        for what, action in [
            ("deleted", lambda user: user.delete()),
            ("deactivated", deactivate),
            ("password changed", change_password),
        ]:
            with self.subTest(what=what):
                user = User.objects.create_user(f"user{len(what)}", password=PASSWORD)
                tokens = self.jwt(user.username, PASSWORD)
                self.assertEqual(
                    self.post("jwt_verify", token=tokens["access"]).status_code,
                    status.HTTP_200_OK,
                )
                action(user)
                self.client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens['access']}")
                self.assertEqual(
                    self.client.get(reverse("rest_user_details")).status_code,
                    status.HTTP_401_UNAUTHORIZED,
                )
                self.client.credentials()
                for token in [tokens["access"], tokens["refresh"]]:
                    response = self.post("jwt_verify", token=token)
                    self.assertEqual(response.status_code, status.HTTP_401_UNAUTHORIZED)
                for name in ["jwt_refresh", "jwt_logout"]:
                    response = self.post(name, refresh=tokens["refresh"])
                    self.assertEqual(response.status_code, status.HTTP_401_UNAUTHORIZED)


class LookAlikeNameTests(AttackTestBase):
    """Kind 8: names that read like an existing one (Unicode TR39 skeletons) are refused."""

    def test_every_look_alike_of_an_existing_name_is_refused(self):
        for name in [
            "\u0430\u04cf\u0456\u0441\u0435",  # all Cyrillic: а ӏ і с е
            "\u0251lice",  # Latin alpha
            "al\u0131ce",  # dotless i
            "\u1d00\u029f\u026a\u1d04\u1d07",  # small capitals
            "aIice",  # ASCII capital I for l
            "\u0391LICE",  # Greek capital Alpha, then Latin capitals
            "ALICE",
            "ｂｏｂ",  # full-width: NFKC makes it bob
        ]:
            with self.subTest(name=name):
                response = self.sign_up(name)
                self.assertEqual(response.status_code, status.HTTP_400_BAD_REQUEST)
                self.assertIn("username", response.json())
        self.assertEqual(User.objects.count(), 3)

    def test_a_name_that_merely_resembles_is_fine(self):
        for name in ["alicia", "al1ce2", "김철수", "bobby", "홍길동2"]:
            with self.subTest(name=name):
                self.assertEqual(self.sign_up(name).status_code, status.HTTP_201_CREATED)

    def test_renaming_oneself_to_a_look_alike_of_another_is_refused(self):
        self.sign_in(self.bob)
        url = reverse("rest_user_details")
        self.assertEqual(
            self.client.put(url, {"username": "aIice"}).status_code,
            status.HTTP_400_BAD_REQUEST,
        )
        # One's own name in other capitals or full-width is one's own, not "taken".
        for name in ["BOB", "ｂｏｂ"]:
            with self.subTest(name=name):
                response = self.client.put(url, {"username": name})
                self.assertEqual(response.status_code, status.HTTP_200_OK, response.content)


class CredentialsAreNotCachedTests(AttackTestBase):
    """Kind 13: answers that carry credentials say `Cache-Control: no-store`."""

    def assertNoStore(self, response, expected_status):
        self.assertEqual(response.status_code, expected_status, response.content)
        self.assertIn("no-store", response["Cache-Control"])

    def test_credential_answers_are_no_store(self):
        self.assertNoStore(self.sign_up("carol"), status.HTTP_201_CREATED)
        self.assertNoStore(
            self.client.post(
                reverse("rest_login"), {"username": "alice", "password": "alice-pass-123"}
            ),
            status.HTTP_200_OK,
        )
        response = self.client.post(
            reverse("jwt_create"), {"username": "alice", "password": "alice-pass-123"}
        )
        self.assertNoStore(response, status.HTTP_200_OK)
        tokens = response.json()
        self.assertNoStore(
            self.client.post(reverse("jwt_refresh"), {"refresh": tokens["refresh"]}),
            status.HTTP_200_OK,
        )
        self.assertNoStore(
            self.client.post(reverse("jwt_verify"), {"token": tokens["access"]}),
            status.HTTP_200_OK,
        )
        self.sign_in(self.alice)
        self.assertNoStore(self.client.get(reverse("rest_user_details")), status.HTTP_200_OK)
        # Refusals too: a 401 of /accounts/user/ is no one's to cache either.
        self.client.credentials()
        self.assertNoStore(
            self.client.get(reverse("rest_user_details")), status.HTTP_401_UNAUTHORIZED
        )


class LessonProtectionsTests(AttackTestBase):
    """What lesson 06 carried before issue 17, and project/ keeps (the lessons now teach the
    defaults): 405 before 401 on every route, no e-mail-link or reset page answering a 500."""

    def test_a_method_the_route_does_not_have_is_405_before_401(self):
        for name, method in [
            ("rest_user_details", "delete"),
            ("rest_user_details", "post"),
            ("rest_password_change", "get"),
            ("rest_logout", "put"),
            ("article-list", "delete"),
        ]:
            with self.subTest(name=name, method=method):
                response = getattr(self.client, method)(reverse(name))
                self.assertEqual(response.status_code, status.HTTP_405_METHOD_NOT_ALLOWED)
                self.assertIn("Allow", response)

    def test_sign_in_bodies_that_are_not_objects_are_4xx(self):
        for name in ["rest_login", "jwt_create", "rest_register"]:
            for body in ["[]", '["alice"]', '"alice"', "null", '{"username": ["alice"]}']:
                with self.subTest(name=name, body=body):
                    response = self.client.post(
                        reverse(name), body, content_type="application/json"
                    )
                    self.assertEqual(response.status_code, status.HTTP_400_BAD_REQUEST)
                    self.assertEqual(response["Content-Type"], "application/json")

    def test_e_mail_link_and_password_reset_pages_are_a_json_404(self):
        # dj-rest-auth's registration URLs name these for allauth's e-mails and leave them without
        # a template (a 500); project/ has no e-mail confirmation and routes none of them.
        for path in [
            "/accounts/signup/account-email-verification-sent/",
            "/accounts/signup/account-confirm-email/MQ:abc/",
            "/accounts/verify-email/",
        ]:
            with self.subTest(path=path):
                for method in ["get", "post"]:
                    response = getattr(self.client, method)(path)
                    self.assertEqual(response.status_code, status.HTTP_404_NOT_FOUND)
                    self.assertEqual(response["Content-Type"], "application/json")

    def test_a_password_set_anywhere_revokes_the_tokens(self):
        # The admin's "change password" form and `manage.py changepassword` call set_password()
        # and save(), as a reset would: the DRF token and refresh tokens end there too.
        tokens = self.jwt()
        self.alice.set_password(NEW_PASSWORD)
        self.alice.save()
        self.assertFalse(Token.objects.filter(user=self.alice).exists())
        response = self.client.post(reverse("jwt_refresh"), {"refresh": tokens["refresh"]})
        self.assertEqual(response.status_code, status.HTTP_401_UNAUTHORIZED)


class PasswordResetTests(AttackTestBase):
    """A reset tells no one who is registered, and the new password ends every earlier token."""

    def test_reset_answers_alike_and_revokes_every_token(self):
        self.alice.email = "alice@example.com"
        self.alice.save()
        tokens = self.jwt()
        url = reverse("rest_password_reset")
        known = self.client.post(url, {"email": "alice@example.com"})
        unknown = self.client.post(url, {"email": "nobody@example.com"})
        self.assertEqual([known.status_code, unknown.status_code], [200, 200])
        self.assertEqual(known.json(), unknown.json())
        self.assertIn("no-store", known["Cache-Control"])
        self.assertEqual(len(mail.outbox), 1)
        link = re.search(
            r"/accounts/password/reset/confirm/([^/\s]+)/([^/\s]+)/", mail.outbox[0].body
        )
        self.assertIsNotNone(link, mail.outbox[0].body)
        # The link itself answers JSON (405: the client POSTs uid and token), never a 500.
        response = self.client.get(link.group(0))
        self.assertEqual(response.status_code, status.HTTP_405_METHOD_NOT_ALLOWED)
        confirm = {
            "uid": link.group(1),
            "token": link.group(2),
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        }
        response = self.client.post(reverse("rest_password_reset_confirm"), confirm)
        self.assertEqual(response.status_code, status.HTTP_200_OK, response.content)
        # Every credential issued before the reset is refused.
        self.assertFalse(Token.objects.filter(user=self.alice).exists())
        response = self.client.post(reverse("jwt_refresh"), {"refresh": tokens["refresh"]})
        self.assertEqual(response.status_code, status.HTTP_401_UNAUTHORIZED)
        self.client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens['access']}")
        self.assertEqual(
            self.client.get(reverse("rest_user_details")).status_code,
            status.HTTP_401_UNAUTHORIZED,
        )
        self.client.credentials()
        # The link works once.
        response = self.client.post(reverse("rest_password_reset_confirm"), confirm)
        self.assertEqual(response.status_code, status.HTTP_400_BAD_REQUEST)
