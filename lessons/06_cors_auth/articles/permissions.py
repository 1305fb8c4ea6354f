"""Who may do what (authorization, 권한 부여), once authentication (인증) has said who is asking."""

from rest_framework.permissions import SAFE_METHODS, BasePermission


class IsAuthorOrReadOnly(BasePermission):
    """Anyone may read a row; only its author may change or delete it (403 for everyone else).

    An object-level permission: DRF asks ``has_object_permission`` only when a view calls
    ``check_object_permissions(request, obj)`` with the row it is about to touch. The admin is no
    exception here: being staff is not being the author.
    """

    message = 'Only the author of this item may change or delete it.'

    def has_object_permission(self, request, view, obj):
        if request.method in SAFE_METHODS:  # GET, HEAD, OPTIONS read and change nothing
            return True
        return obj.user_id == request.user.pk


def check_object_permissions(request, obj):
    """A function view has no ``self``: run its object permissions through the view DRF wrapped it in.

    ``@api_view`` turns the function into an APIView, whose ``check_object_permissions`` asks every
    class of ``@permission_classes`` and raises 403 (or 401 for an anonymous user) when one says no.
    """
    request.parser_context['view'].check_object_permissions(request, obj)
