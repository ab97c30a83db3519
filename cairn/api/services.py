"""Writes on API clients and tokens (ADR 0026): every one attributed and audited through
`core.records`. A token's secret is returned once, by `api_token_issue`, and never stored."""

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from cairn.accounts.models import Team, User
from cairn.accounts.roles import Role
from cairn.accounts.services import user_create
from cairn.api.models import ApiClient, ApiToken
from cairn.core import clock
from cairn.core.records import record_create, record_update

TOKEN_PREFIX = "cairn_"  # noqa: S105 - marks a Cairn token (for secret scanners), not a secret
PREFIX_LENGTH = 14  # "cairn_" and the first 8 random characters: enough to name a token
MAX_DAYS = 366


def token_hash(raw: str) -> str:
    """The stored form of a token. A token is 256 random bits, so a plain SHA-256 (no salt, no
    slow hash) cannot be reversed or guessed; it also lets the lookup use the unique index."""
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


@transaction.atomic
def api_client_create(
    *,
    actor: User,
    name: str,
    role: str,
    team: Team | None,
    organisation: str = "",
    via: str = "web",
) -> ApiClient:
    """An integration and the service user it acts as. The user has the given role and team (so
    the pages' permission rules apply) and no password: it cannot sign in to the pages."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "Enter the integration's name"})
    if role not in Role.values or role == Role.SYSTEM:
        raise ValidationError({"role": "Choose a staff role for the integration's service user"})
    if ApiClient.objects.filter(name=name).exists():
        raise ValidationError({"name": f"There is already an integration called {name}"})
    user = user_create(
        actor=actor,
        username=f"api-{slugify(name)[:130]}",
        first_name="API",
        last_name=name[:150],
        role=role,
        team=team,
        via=via,
    )
    return record_create(
        model=ApiClient, actor=actor, via=via, name=name, organisation=organisation, user=user
    )


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # shown once; only its hash is kept


@transaction.atomic
def api_token_issue(
    *, actor: User, client: ApiClient, scopes: list[str], days: int = 90, via: str = "web"
) -> IssuedToken:
    """A new token for `client` with `scopes`, valid for `days` (1 to 366)."""
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError({"days": f"A token lasts between 1 and {MAX_DAYS} days"})
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = record_create(
        model=ApiToken,
        actor=actor,
        via=via,
        client=client,
        prefix=secret[:PREFIX_LENGTH],
        key_hash=token_hash(secret),
        scopes=sorted(set(scopes)),
        expires_at=clock.now() + dt.timedelta(days=days),
    )
    return IssuedToken(token=token, secret=secret)


@transaction.atomic
def api_token_revoke(*, actor: User, token: ApiToken, reason: str, via: str = "web") -> ApiToken:
    """Stop a token working from now; the row stays, with who revoked it and why."""
    if not (reason or "").strip():
        raise ValidationError({"reason": "Enter the reason for revoking the token"})
    if token.revoked_at is not None:
        raise ValidationError({"token": "This token is already revoked"})
    return record_update(
        instance=token,
        actor=actor,
        expected_version=token.version,
        via=via,
        revoked_at=clock.now(),
        revoked_by=actor,
        revocation_reason=reason.strip(),
    )


def api_token_mark_used(*, token: ApiToken) -> None:
    """When the token was last used, at most once a minute. A plain UPDATE, not audited: it is
    bookkeeping, and auditing it would bump the version under a concurrent revocation."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=1):
        ApiToken.all_objects.filter(pk=token.pk).update(last_used_at=now)
