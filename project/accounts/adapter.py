"""allauth's account adapter, with usernames that cannot pass for someone else's."""

import unicodedata

from allauth.account.adapter import DefaultAccountAdapter
from confusable_homoglyphs import confusables
from django import forms
from django.contrib.auth import get_user_model


def latin_look_alike(character):
    """The ASCII letter a character is drawn like ('а', Cyrillic, looks like 'a'), or None."""
    if character.isascii():
        return None
    found = confusables.is_confusable(character, greedy=True, preferred_aliases=["latin"]) or []
    return next((h["c"] for item in found for h in item["homoglyphs"] if h["c"].isascii()), None)


def skeleton(username):
    """The name as it reads on screen: every look-alike replaced by its ASCII letter, lower-cased."""
    return "".join(latin_look_alike(c) or c for c in username).lower()


class AccountAdapter(DefaultAccountAdapter):
    """Usernames are compared as people read them, not as code points.

    - NFKC first (what Django's User.normalize_username does): full-width `ａｌｉｃｅ` is `alice`,
      which is then taken;
    - a name that mixes ASCII letters with letters of another script drawn like ASCII ones
      (`аlice` with a Cyrillic `а`) is refused: it can only be meant to imitate;
    - a name whose look-alike reading is an existing user's name is refused.
    Confusable letters come from Unicode's own table (TR39) through `confusable-homoglyphs`.
    """

    def clean_username(self, username, shallow=False):
        username = unicodedata.normalize("NFKC", username)
        look_alikes = [c for c in username if latin_look_alike(c)]
        if look_alikes and any(c.isascii() and c.isalpha() for c in username):
            raise forms.ValidationError(
                "This username mixes Latin letters with look-alike letters of another script "
                f"({', '.join(sorted(set(look_alikes)))})."
            )
        if not shallow and look_alikes:
            read_as = skeleton(username)
            if get_user_model().objects.filter(username__iexact=read_as).exists():
                raise forms.ValidationError("This username looks the same as an existing one.")
        return super().clean_username(username, shallow=shallow)

    def unstash_verified_email(self, request):
        """allauth's writes `None` into the session at every sign-up, which starts a session (a row
        and a `sessionid` cookie) for an API that has none. Only read and remove what is there."""
        if "account_verified_email" not in request.session:
            return None
        return request.session.pop("account_verified_email")
