from rest_framework import permissions


class IsAuthorOrReadOnly(permissions.BasePermission):
    """Anyone may read an object; only the user who wrote it may change or delete it.

    Staff get no exception here on purpose: the contract says a user who is not
    the author gets 403, and moderators have the admin site for that.
    """

    def has_object_permission(self, request, view, obj):
        if request.method in permissions.SAFE_METHODS:
            return True
        return obj.user_id == request.user.id
