"""The token's scope for each kind of call (ADR 0026). Which records the call may touch is then
the pages' own rules (`rules.py` of each app), asked of the integration's service user."""

from rest_framework import permissions

from cairn.api.models import ApiToken


class HasTokenScope(permissions.BasePermission):
    """A token, and one holding the view's `required_scope`."""

    message = "This token does not have the scope this call needs."

    def has_permission(self, request, view) -> bool:
        if not isinstance(request.auth, ApiToken):
            return False  # DRF answers 401 with WWW-Authenticate (no credentials)
        required = getattr(view, "required_scope", None)
        if required is None:
            return True
        if required not in request.auth.scopes:
            self.message = f"This token does not have the scope {required}."
            return False
        return True
