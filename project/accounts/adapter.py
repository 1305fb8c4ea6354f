"""allauth's account adapter, with usernames that cannot pass for someone else's."""

import unicodedata

from allauth.account.adapter import DefaultAccountAdapter
from confusable_homoglyphs import confusables
from disarm import skeleton_key
from django import forms
from django.contrib.auth import get_user_model


def read_as(username):
    """How a name reads on screen, in the spellings people confuse: its Unicode TR39 confusable
    skeleton (every look-alike replaced by its prototype: Cyrillic `а` and `ɑ` by `a`, `ı`, `ɪ`
    and capital `I` by `l`, lower-cased), of the name as written and of the name in lower case
    (so `ΑLICE`, with a Greek capital Alpha, reads as `alice` too). Library: disarm's skeleton_key.
    """
    return {skeleton_key(username), skeleton_key(username.lower())}


class AccountAdapter(DefaultAccountAdapter):
    """Usernames are compared as people read them, not as code points.

    - NFKC first (what Django's User.normalize_username does): full-width `ａｌｉｃｅ` is `alice`,
      which is then taken;
    - a name that mixes scripts with letters drawn like Latin ones (`аlice` with a Cyrillic `а`)
      is refused: it can only be meant to imitate (confusable-homoglyphs, as lesson 06 teaches);
    - a name that reads like an existing one (the same TR39 skeleton: `аӏісе`, `ɑlice`, `alıce`,
      `ᴀʟɪᴄᴇ`, `aIice` beside `alice`) is refused.
    Sign-up and `PUT /accounts/user/` both clean a name here.
    """

    def clean_username(self, username, shallow=False):
        username = unicodedata.normalize("NFKC", username)
        if confusables.is_dangerous(username, preferred_aliases=["latin"]):
            raise forms.ValidationError(
                "This username mixes letters that look alike from different alphabets. "
                "Please use letters of one alphabet."
            )
        if not shallow:
            self.refuse_look_alikes(username)
        return super().clean_username(username, shallow=shallow)

    def refuse_look_alikes(self, username):
        # Every existing name is read once per sign-up: fine for this course's numbers of users;
        # a large site would store each user's skeleton in an indexed column instead.
        mine = read_as(username)
        names = get_user_model().objects.values_list("username", flat=True)
        for existing in names.iterator():
            if existing != username and mine & read_as(existing):
                raise forms.ValidationError("This username looks the same as an existing one.")

    def unstash_verified_email(self, request):
        """allauth's writes `None` into the session at every sign-up, which starts a session (a row
        and a `sessionid` cookie) for an API that has none. Only read and remove what is there."""
        if "account_verified_email" not in request.session:
            return None
        return request.session.pop("account_verified_email")
