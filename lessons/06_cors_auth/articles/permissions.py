"""Who may change what (authorization, 권한 부여), once authentication (인증) has said who is asking.

Permission classes (``@permission_classes``) run before the view, when the row is not read yet:
they can say "signed in" or "staff", not "the author of this article". So a view that changes a
row asks here itself, once it has read the row.
"""

from rest_framework.exceptions import PermissionDenied


def check_author(request, obj):
    """Raise PermissionDenied (403) unless the signed-in user is the author of ``obj``.

    A view calls it before a PUT or a DELETE; reading stays open to everyone. The admin is no
    exception here: being staff is not being the author.
    """
    if obj.user_id != request.user.pk:
        raise PermissionDenied('Only the author of this item may change or delete it.')
