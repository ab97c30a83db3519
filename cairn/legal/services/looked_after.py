"""Looked-after periods (minimal, to measure outcomes): the date the child entered care with
their SSDA903 legal status, and the date and SSDA903 reason the period ceased. Entering care
moves the child's level to looked after."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from cairn.core.codelists import is_valid
from cairn.core.records import record_create, record_update
from cairn.frontdoor.models import Level
from cairn.legal.models import LookedAfterPeriod
from cairn.legal.services._common import date_errors, level_move, level_move_errors
from cairn.people.models import Person


@transaction.atomic
def looked_after_start(
    *, actor, child: Person, started_on: dt.date | None, legal_status: str, via: str = "web"
) -> LookedAfterPeriod:
    """Record that the child became looked after. Refused: a child already looked after; no
    date or a future one, or one before the end of their last period or their last level
    change; a legal status that is not an SSDA903 code."""
    errors = date_errors("started_on", started_on, what="date the child became looked after")
    if LookedAfterPeriod.objects.filter(child=child, ceased_on__isnull=True).exists():
        errors["started_on"] = f"{child.full_name} is already looked after"
    last = LookedAfterPeriod.objects.filter(child=child).order_by("-ceased_on").first()
    if not errors and last and started_on <= last.ceased_on:
        errors["started_on"] = "A new period must start after the last one ceased"
    if not is_valid("legal_status", legal_status):
        errors["legal_status"] = "Choose the legal status"
    if not errors:
        errors |= level_move_errors(
            [child], on=started_on, to_level=Level.LOOKED_AFTER, reason="Became looked after"
        )
    if errors:
        raise ValidationError(errors)
    period = record_create(
        model=LookedAfterPeriod,
        actor=actor,
        audit_subject=child,
        via=via,
        child=child,
        started_on=started_on,
        legal_status=legal_status,
    )
    level_move(
        [child],
        actor=actor,
        on=started_on,
        to_level=Level.LOOKED_AFTER,
        reason="Became looked after",
        via=via,
    )
    return period


@transaction.atomic
def looked_after_cease(
    *,
    actor,
    period: LookedAfterPeriod,
    expected_version: int,
    ceased_on: dt.date | None,
    reason_ceased: str,
    via: str = "web",
) -> LookedAfterPeriod:
    """Record that the period ceased, with the SSDA903 reason. Refused: already ceased; no
    date, a future one or one before the period started; a reason not in the SSDA903 list."""
    errors = date_errors(
        "ceased_on",
        ceased_on,
        what="date the child ceased to be looked after",
        not_before=(period.started_on, "the child became looked after"),
    )
    if period.ceased_on is not None:
        errors["ceased_on"] = "This period has already ceased"
    if not is_valid("reason_ceased", reason_ceased):
        errors["reason_ceased"] = "Choose the reason the child ceased to be looked after"
    if errors:
        raise ValidationError(errors)
    return record_update(
        instance=period,
        actor=actor,
        expected_version=expected_version,
        audit_subject=period.child,
        via=via,
        ceased_on=ceased_on,
        reason_ceased=reason_ceased,
    )
