"""The object permission (객체 수준 권한) of the class-based steps: only a row's author may change it."""

from rest_framework.permissions import SAFE_METHODS, BasePermission


class IsAuthorOrReadOnly(BasePermission):
    """Anyone may read a row; only its author may change or delete it (403 for everyone else).

    DRF asks ``has_permission`` for every request (this class lets every request through it) and
    ``has_object_permission`` only when a view calls ``check_object_permissions(request, obj)``:
    ``GenericAPIView.get_object()`` does, so generic views and viewsets get the check for free;
    an ``APIView`` calls it itself. Staff are no exception: being an admin is not being the author.
    """

    message = 'Only the author of this item may change or delete it.'

    def has_object_permission(self, request, view, obj):
        if request.method in SAFE_METHODS:  # GET, HEAD, OPTIONS read and change nothing
            return True
        return obj.user_id == request.user.pk
