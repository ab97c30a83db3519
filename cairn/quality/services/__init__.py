"""Every write in the audit programme: `entity_verb(*, actor, ...)`, atomic, validated, audited
through core.records, with the person whose record it is as the audit subject."""

from django.core.exceptions import PermissionDenied


def require(actor, perm: str, obj, message: str) -> None:
    """Refuse the write unless the actor has `perm` (on `obj`)."""
    if not actor.has_perm(perm, obj):
        raise PermissionDenied(message)
