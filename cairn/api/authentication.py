"""Token authentication (ADR 0026): `Authorization: Bearer <token>`. A missing header is
anonymous (then 401 from the permission check); a wrong, expired or revoked token is 401."""

from rest_framework import authentication, exceptions

from cairn.api.models import ApiToken
from cairn.api.services import api_token_mark_used, token_hash
from cairn.core import clock

KEYWORDS = ("bearer", "token")
MAX_TOKEN_LENGTH = 200


class ApiTokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header:
            return None
        if header[0].lower().decode("latin-1") not in KEYWORDS or len(header) != 2:
            raise exceptions.AuthenticationFailed(
                "Send the token as 'Authorization: Bearer <token>'."
            )
        raw = header[1].decode("latin-1")
        if len(raw) > MAX_TOKEN_LENGTH:
            raise exceptions.AuthenticationFailed("The token is not valid.")
        token = (
            ApiToken.objects.select_related("client__user", "client__user__team")
            .filter(key_hash=token_hash(raw), client__removed_at__isnull=True)
            .first()
        )
        if token is None:
            raise exceptions.AuthenticationFailed("The token is not valid.")
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed("The token has been revoked.")
        if token.expires_at <= clock.now():
            raise exceptions.AuthenticationFailed("The token has expired.")
        user = token.client.user
        if not user.is_active:
            raise exceptions.AuthenticationFailed("The integration's account is closed.")
        api_token_mark_used(token=token)
        return user, token

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'
