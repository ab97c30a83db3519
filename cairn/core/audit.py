"""The audit service: every write and every view of a person's record goes through here.

It refuses to write without an actor. Jobs and imports act as the system actor
(`accounts.services.system_actor`), naming themselves in `via`.
"""

import datetime as dt
import decimal
import uuid
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from cairn.core.models import AccessEvent, AccessOutcome, AuditAction, AuditEvent


class MissingActorError(ValueError):
    pass


def _plain(value: Any) -> Any:
    """A JSON-safe form of a field value, for before/after records."""
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def snapshot(instance: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The current values of a record's concrete fields (foreign keys as ids)."""
    names = fields or [
        f.attname
        for f in instance._meta.concrete_fields
        if f.name not in _BOOKKEEPING and f.name not in _SECRETS
    ]
    return {name: _plain(getattr(instance, name)) for name in names}


_BOOKKEEPING = {"created_at", "updated_at", "created_by", "updated_by", "version"}
# Never copied into the audit trail (a password hash is a credential).
_SECRETS = {"password"}


def changes_between(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def audit_record(
    *,
    actor,
    action: str,
    instance: models.Model,
    changes: dict[str, list[Any]] | None = None,
    person=None,
    via: str = "web",
) -> AuditEvent:
    """Record one change. `person` is the person whose record the change belongs to."""
    if actor is None or actor.pk is None:
        raise MissingActorError("An audit record needs an actor (a user or the system actor).")
    if action not in AuditAction.values:
        raise ValueError(f"Unknown audit action {action!r}")
    return AuditEvent.objects.create(
        actor=actor,
        via=via,
        action=action,
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
        object_id=str(instance.pk),
        object_repr=str(instance)[:200],
        person=person,
        changes=changes or {},
    )


def audit_created(*, actor, instance: models.Model, person=None, via: str = "web") -> AuditEvent:
    after = snapshot(instance)
    changes = {k: [None, v] for k, v in after.items() if v not in (None, "")}
    return audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        instance=instance,
        changes=changes,
        person=person,
        via=via,
    )


def audit_bulk_created(*, actor, model: type[models.Model], count: int, via: str) -> AuditEvent:
    """One record for a bulk load by a job (seeding, imports): the job, the model and the count."""
    if actor is None or actor.pk is None:
        raise MissingActorError("An audit record needs an actor (a user or the system actor).")
    return AuditEvent.objects.create(
        actor=actor,
        via=via,
        action=AuditAction.BULK_CREATE,
        content_type=ContentType.objects.get_for_model(model),
        object_id="*",
        object_repr=f"{count} {model._meta.verbose_name_plural}",
        changes={"count": [None, count]},
    )


def record_access(*, actor, person, page: str, granted: bool = True) -> AccessEvent:
    """Log one view of a person's record (or a refused attempt)."""
    if actor is None or actor.pk is None:
        raise MissingActorError("An access record needs an actor.")
    return AccessEvent.objects.create(
        actor=actor,
        person=person,
        page=page[:200],
        outcome=AccessOutcome.GRANTED if granted else AccessOutcome.DENIED,
    )
