"""Partner integrations and their tokens (ADR 0026).

An integration acts as a service user (an `accounts.User` with a role and a team) so every
permission check and every access-log entry is the pages' own. A token is stored only as its
SHA-256 hash; it expires and can be revoked (never deleted).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from cairn.api.scopes import ALL_SCOPES
from cairn.core.models import RecordModel


class ApiClient(RecordModel):
    """A partner integration (e.g. the police's referral portal) and the user it acts as."""

    name = models.CharField(max_length=120, unique=True)
    organisation = models.CharField(max_length=120, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_client"
    )

    class Meta:
        verbose_name = "API client"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ApiToken(RecordModel):
    client = models.ForeignKey(ApiClient, on_delete=models.PROTECT, related_name="tokens")
    prefix = models.CharField(
        max_length=16, db_index=True, help_text="The token's first characters, to name it"
    )
    key_hash = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the token")
    scopes = models.JSONField(default=list)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revocation_reason = models.TextField(blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "API token"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Token {self.prefix}… for {self.client}"

    def clean(self) -> None:
        unknown = set(self.scopes or []) - set(ALL_SCOPES)
        if not isinstance(self.scopes, list) or unknown:
            raise ValidationError({"scopes": f"Unknown scopes: {', '.join(sorted(unknown))}"})
        if not self.scopes:
            raise ValidationError({"scopes": "Give the token at least one scope"})
