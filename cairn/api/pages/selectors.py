"""Reads for the integrations pages."""

from django.db.models import Prefetch

from cairn.api.models import ApiClient, ApiToken


def client_list_with_tokens():
    """Every integration, by name, with its service user and its tokens (newest first)."""
    tokens = ApiToken.objects.select_related("revoked_by").order_by("-created_at", "-pk")
    return ApiClient.objects.select_related("user", "user__team", "created_by").prefetch_related(
        Prefetch("tokens", queryset=tokens)
    )


def client_get(*, pk: int) -> ApiClient | None:
    return ApiClient.objects.select_related("user", "user__team").filter(pk=pk).first()


def token_get(*, pk: int) -> ApiToken | None:
    return ApiToken.objects.select_related("client", "revoked_by").filter(pk=pk).first()
