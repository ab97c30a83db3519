"""Writes for information governance: restricting records, naming who may open them, requests
for access and break-glass access. Each is atomic and audited; restriction changes are also kept
as `RestrictionChange` rows (ADR 0023)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from cairn.core import clock
from cairn.core.audit import record_access
from cairn.core.records import record_create, record_remove, record_update
from cairn.governance.access import end_of_day
from cairn.governance.models import (
    AccessRequest,
    AccessRequestStatus,
    BreakGlassAccess,
    Restriction,
    RestrictionAllowance,
    RestrictionChange,
    RestrictionChangeKind,
)
from cairn.people.models import Person


def _require_reason(reason: str, field: str = "reason", what: str = "the reason") -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({field: f"Enter {what}"})
    return reason


def _live_restriction(person: Person) -> Restriction | None:
    return Restriction.objects.filter(person=person).first()


def _set_flag(*, actor, person: Person, value: bool) -> None:
    current = Person.objects.get(pk=person.pk)
    record_update(
        instance=current,
        actor=actor,
        expected_version=current.version,
        audit_subject=current,
        is_restricted=value,
    )
    person.is_restricted = value
    person.version = current.version + 1


def _check(actor, perm: str) -> None:
    if not actor.has_perm(perm):
        raise PermissionDenied


@transaction.atomic
def person_restrict(*, actor, person: Person, category: str, reason: str) -> Restriction:
    """Restrict a person's record. The actor (information governance) is not named by this:
    name the users who may open it with `restriction_allow_user`."""
    _check(actor, "governance.manage_restrictions")
    reason = _require_reason(reason, what="why the record is restricted")
    if _live_restriction(person) is not None:
        raise ValidationError({"person": "This record is already restricted"})
    restriction = record_create(
        model=Restriction,
        actor=actor,
        audit_subject=person,
        person=person,
        category=category,
        reason=reason,
    )
    _set_flag(actor=actor, person=person, value=True)
    RestrictionChange.objects.create(
        actor=actor, person=person, kind=RestrictionChangeKind.RESTRICTED, reason=reason
    )
    return restriction


@transaction.atomic
def person_lift_restriction(*, actor, person: Person, reason: str) -> Restriction:
    _check(actor, "governance.manage_restrictions")
    reason = _require_reason(reason, what="why the restriction is lifted")
    restriction = _live_restriction(person)
    if restriction is None:
        raise ValidationError({"person": "This record is not restricted"})
    record_remove(instance=restriction, actor=actor, reason=reason, audit_subject=person)
    _set_flag(actor=actor, person=person, value=False)
    RestrictionChange.objects.create(
        actor=actor, person=person, kind=RestrictionChangeKind.LIFTED, reason=reason
    )
    return restriction


def _allow(*, actor, restriction: Restriction, user, reason: str) -> RestrictionAllowance:
    existing = restriction.allowances.filter(user=user).first()
    if existing is not None:
        return existing
    allowance = record_create(
        model=RestrictionAllowance,
        actor=actor,
        audit_subject=restriction.person,
        restriction=restriction,
        user=user,
        reason=reason,
    )
    RestrictionChange.objects.create(
        actor=actor,
        person=restriction.person,
        kind=RestrictionChangeKind.USER_ADDED,
        subject_user=user,
        reason=reason,
    )
    return allowance


@transaction.atomic
def restriction_allow_user(*, actor, person: Person, user, reason: str) -> RestrictionAllowance:
    """Name `user` as allowed to open the restricted record."""
    _check(actor, "governance.manage_restrictions")
    reason = _require_reason(reason, what="why this person may open the record")
    restriction = _live_restriction(person)
    if restriction is None:
        raise ValidationError({"user": "This record is not restricted"})
    if not user.is_active:
        raise ValidationError({"user": "Choose a user whose account is open"})
    return _allow(actor=actor, restriction=restriction, user=user, reason=reason)


@transaction.atomic
def restriction_remove_user(*, actor, allowance: RestrictionAllowance, reason: str) -> None:
    _check(actor, "governance.manage_restrictions")
    reason = _require_reason(reason, what="why this person may no longer open the record")
    person = allowance.restriction.person
    record_remove(instance=allowance, actor=actor, reason=reason, audit_subject=person)
    RestrictionChange.objects.create(
        actor=actor,
        person=person,
        kind=RestrictionChangeKind.USER_REMOVED,
        subject_user=allowance.user,
        reason=reason,
    )


@transaction.atomic
def access_request_make(*, actor, person: Person, reason: str) -> AccessRequest:
    """Ask information governance to open a restricted record."""
    if not actor.has_perm("governance.open_restricted", person):
        raise PermissionDenied
    reason = _require_reason(reason, what="why you need to open this record")
    pending = AccessRequest.objects.filter(
        person=person, requester=actor, status=AccessRequestStatus.PENDING
    ).first()
    if pending is not None:
        raise ValidationError({"reason": "You have already asked to open this record"})
    return record_create(
        model=AccessRequest,
        actor=actor,
        audit_subject=person,
        person=person,
        requester=actor,
        reason=reason,
    )


@transaction.atomic
def access_request_decide(
    *, actor, request: AccessRequest, grant: bool, note: str = ""
) -> AccessRequest:
    """Grant (name the requester on the allow list) or refuse (with a note) a request."""
    _check(actor, "governance.decide_requests")
    if request.status != AccessRequestStatus.PENDING:
        raise ValidationError({"decision": "This request has already been decided"})
    note = (note or "").strip()
    if not grant and not note:
        raise ValidationError({"note": "Enter why the request is refused"})
    decided = record_update(
        instance=request,
        actor=actor,
        expected_version=request.version,
        audit_subject=request.person,
        status=AccessRequestStatus.GRANTED if grant else AccessRequestStatus.REFUSED,
        decided_by=actor,
        decided_at=timezone.now(),
        decision_note=note,
    )
    if grant:
        restriction = _live_restriction(request.person)
        if restriction is not None:
            _allow(
                actor=actor,
                restriction=restriction,
                user=request.requester,
                reason=f"Access request granted: {note or request.reason}",
            )
    return decided


@transaction.atomic
def break_glass(*, actor, person: Person, reason: str, page: str) -> BreakGlassAccess:
    """Open a restricted record in an emergency, with a reason, until the end of the day. The
    access is logged (an access event) and listed on the unusual-access report."""
    if not actor.has_perm("governance.open_restricted", person):
        raise PermissionDenied
    reason = _require_reason(reason, what="why you need to open this record now")
    now = clock.now()
    event = record_access(actor=actor, person=person, page=f"break-glass {page}")
    return BreakGlassAccess.objects.create(
        user=actor, person=person, reason=reason, expires_at=end_of_day(now), access_event=event
    )
