"""Writes for staff records, leavers and training records (issue 6, items 1 and 7).

The account (accounts.User) holds role, team, manager, FTE and agency; the staff record holds
the HR facts (Social Work England number, date qualified, start and leaving dates). A staff
record change may touch both; each is audited with its before and after.
"""

import datetime as dt
import decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from cairn.accounts.models import User
from cairn.core.audit import audit_record, changes_between, snapshot
from cairn.core.models import AuditAction
from cairn.core.records import record_create, record_remove, record_update
from cairn.workforce.models import StaffRecord, TrainingRecord

ACCOUNT_FIELDS = ("role", "team", "manager", "fte", "is_agency")
RECORD_FIELDS = ("swe_number", "qualified_on", "started_on", "left_on")


def _account_errors(user: User, fields: dict[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    manager = fields.get("manager")
    if manager is not None and manager.pk == user.pk:
        errors["manager"] = "A member of staff cannot be their own manager"
    fte = fields.get("fte")
    if fte is not None and not (decimal.Decimal("0.01") <= decimal.Decimal(fte) <= 1):
        errors["fte"] = "Enter the full-time equivalent as a number from 0.01 to 1"
    return errors


def _record_errors(fields: dict[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    started, left = fields.get("started_on"), fields.get("left_on")
    qualified = fields.get("qualified_on")
    if started is None:
        errors["started_on"] = "Enter the date they started"
    elif left is not None and left < started:
        errors["left_on"] = "The leaving date must be on or after the start date"
    if (
        qualified is not None
        and started is not None
        and qualified > started + dt.timedelta(days=366)
    ):
        errors["qualified_on"] = "The qualification date cannot be more than a year after the start"
    return errors


def _account_update(*, actor: User, user: User, fields: dict[str, Any], via: str) -> None:
    before = snapshot(user)
    for name, value in fields.items():
        setattr(user, name, value)
    user.full_clean(exclude=["password"])
    changes = changes_between(before, snapshot(user))
    if changes:
        user.save(update_fields=[*fields])
        audit_record(
            actor=actor, action=AuditAction.UPDATE, instance=user, changes=changes, via=via
        )


@transaction.atomic
def staff_record_create(*, actor: User, user: User, via: str = "web", **fields: Any) -> StaffRecord:
    """Start a member of staff's record: account facts (ACCOUNT_FIELDS) and HR facts
    (RECORD_FIELDS). One record per member of staff."""
    account = {k: v for k, v in fields.items() if k in ACCOUNT_FIELDS}
    record = {k: v for k, v in fields.items() if k in RECORD_FIELDS}
    errors = _account_errors(user, account) | _record_errors(record)
    if StaffRecord.all_objects.filter(user=user).exists():
        errors["user"] = f"{user.get_full_name()} already has a staff record"
    if errors:
        raise ValidationError(errors)
    _account_update(actor=actor, user=user, fields=account, via=via)
    return record_create(model=StaffRecord, actor=actor, via=via, user=user, **record)


@transaction.atomic
def staff_record_update(
    *, actor: User, record: StaffRecord, expected_version: int, via: str = "web", **fields: Any
) -> StaffRecord:
    """Change a staff record. A leaving date on or before today ends the member of staff's
    access that day (accounts.backends, ADR 0013); `deactivate_leavers` then closes the
    account."""
    account = {k: v for k, v in fields.items() if k in ACCOUNT_FIELDS}
    hr = {k: v for k, v in fields.items() if k in RECORD_FIELDS}
    merged = {name: getattr(record, name) for name in RECORD_FIELDS} | hr
    errors = _account_errors(record.user, account) | _record_errors(merged)
    if errors:
        raise ValidationError(errors)
    updated = record_update(
        instance=record, actor=actor, expected_version=expected_version, via=via, **hr
    )
    _account_update(actor=actor, user=record.user, fields=account, via=via)
    return updated


@transaction.atomic
def leavers_deactivate(
    *, actor: User, as_of: dt.date, via: str = "deactivate_leavers"
) -> list[User]:
    """Close the accounts of staff who have left on or before `as_of` (is_active False), one
    audit record each. Access already ended on the leaving date; this tidies the accounts."""
    leavers = list(
        User.objects.select_for_update()
        .filter(
            is_active=True,
            staff_record__left_on__lte=as_of,
            staff_record__removed_at__isnull=True,
        )
        .order_by("pk")
    )
    for user in leavers:
        user.is_active = False
        user.save(update_fields=["is_active"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=user,
            changes={"is_active": [True, False]},
            via=via,
        )
    return leavers


@transaction.atomic
def training_record_create(
    *,
    actor: User,
    staff: User,
    course: str,
    completed_on: dt.date | None,
    expires_on: dt.date | None = None,
    via: str = "web",
) -> TrainingRecord:
    """Record a course a member of staff completed, and when it expires (if it does)."""
    errors: dict[str, str] = {}
    if not (course or "").strip():
        errors["course"] = "Enter the name of the course"
    if completed_on is None:
        errors["completed_on"] = "Enter the date the course was completed"
    elif expires_on is not None and expires_on <= completed_on:
        errors["expires_on"] = "The expiry date must be after the date completed"
    if errors:
        raise ValidationError(errors)
    return record_create(
        model=TrainingRecord,
        actor=actor,
        via=via,
        staff=staff,
        course=course.strip(),
        completed_on=completed_on,
        expires_on=expires_on,
    )


def training_record_remove(
    *, actor: User, record: TrainingRecord, reason: str, via: str = "web"
) -> TrainingRecord:
    return record_remove(instance=record, actor=actor, reason=reason, via=via)
