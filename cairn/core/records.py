"""Generic write steps every record service uses: create, update with a version check, remove.

Each writes the audit record itself, so a service cannot save without one.
"""

from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from cairn.core.audit import audit_created, audit_record, changes_between, snapshot
from cairn.core.models import AuditAction, RecordModel

R = TypeVar("R", bound=RecordModel)


class ConcurrentEditError(Exception):
    """Someone else saved the record after this edit started; nothing was written."""

    def __init__(self, instance: models.Model):
        super().__init__(
            f"{instance._meta.verbose_name.capitalize()} was changed by someone else "
            "while you were editing it. Reload it, check their changes and make yours again."
        )
        self.instance = instance


def record_create(
    *, model: type[R], actor, audit_subject=None, via: str = "web", **fields: Any
) -> R:
    instance = model(created_by=actor, updated_by=actor, **fields)
    instance.full_clean()
    instance.save()
    if audit_subject is None and getattr(model, "is_audit_subject", False):
        audit_subject = instance  # a person's own record is its own subject
    audit_created(actor=actor, instance=instance, person=audit_subject, via=via)
    return instance


def record_update(
    *,
    instance: R,
    actor,
    expected_version: int,
    audit_subject=None,
    via: str = "web",
    **fields: Any,
) -> R:
    """Apply `fields` if the record is still at `expected_version`; audit what changed.

    The version check and the write are one UPDATE ... WHERE version = expected, so two
    concurrent edits cannot both succeed.
    """
    model = type(instance)
    current = model.all_objects.select_for_update().get(pk=instance.pk)
    if current.version != expected_version:
        raise ConcurrentEditError(current)
    before = snapshot(current)
    for name, value in fields.items():
        setattr(current, name, value)
    current.full_clean()
    after = snapshot(current)
    changes = changes_between(before, after)
    if not changes:
        return current
    current.updated_by = actor
    current.updated_at = timezone.now()
    current.version = expected_version + 1
    updated = model.all_objects.filter(pk=current.pk, version=expected_version).update(
        **{
            f.attname: getattr(current, f.attname)
            for f in model._meta.concrete_fields
            if not f.primary_key
        }
    )
    if updated != 1:
        raise ConcurrentEditError(current)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=current,
        changes=changes,
        person=audit_subject,
        via=via,
    )
    return current


def record_remove(*, instance: R, actor, reason: str, audit_subject=None, via: str = "web") -> R:
    """Hide a record with the reason and who removed it; the row stays."""
    if not reason.strip():
        raise ValidationError({"removal_reason": "Enter the reason for removing this record."})
    instance.removed_at = timezone.now()
    instance.removed_by = actor
    instance.removal_reason = reason
    instance.updated_by = actor
    instance.version += 1
    instance.save(
        update_fields=["removed_at", "removed_by", "removal_reason", "updated_by", "version"]
    )
    audit_record(
        actor=actor,
        action=AuditAction.REMOVE,
        instance=instance,
        changes={"removal_reason": [None, reason]},
        person=audit_subject,
        via=via,
    )
    return instance
