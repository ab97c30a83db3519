"""Level transitions: every move between early help, child in need, child protection and
closure is a recorded decision (date, from, to, reason, decided by)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from cairn.accounts.models import User
from cairn.core.records import record_create
from cairn.frontdoor.models import Level, LevelTransition
from cairn.frontdoor.selectors import child_current_level
from cairn.frontdoor.services._checks import long_date, past_date_error
from cairn.people.models import Person


def level_transition_errors(
    *, child: Person, occurred_on: dt.date | None, to_level: str, reason: str
) -> dict[str, str]:
    """What is wrong with a proposed change of level (empty when it can be recorded)."""
    errors: dict[str, str] = {}
    if to_level not in Level.values or to_level == Level.NONE:
        errors["to_level"] = "Select the level the child moves to"
    elif to_level == child_current_level(child=child):
        errors["to_level"] = f"{child.full_name} is already at {Level(to_level).label.lower()}"
    if not (reason or "").strip():
        errors["reason"] = "Enter the reason for the change of level"
    if problem := past_date_error(occurred_on, what="date of the change of level"):
        errors["occurred_on"] = problem
    else:
        latest = LevelTransition.objects.filter(child=child).order_by("-occurred_on").first()
        if latest is not None and occurred_on < latest.occurred_on:
            errors["occurred_on"] = (
                "The change of level cannot be before the last one recorded "
                f"({long_date(latest.occurred_on)})"
            )
    return errors


def transition_write(
    *, actor: User, child: Person, occurred_on: dt.date, to_level: str, reason: str, via="web"
) -> LevelTransition:
    """Write a transition from the child's current level. Callers validate first."""
    return record_create(
        model=LevelTransition,
        actor=actor,
        audit_subject=child,
        via=via,
        child=child,
        occurred_on=occurred_on,
        from_level=child_current_level(child=child),
        to_level=to_level,
        reason=reason.strip(),
        decided_by=actor,
    )


@transaction.atomic
def level_transition_record(
    *,
    actor: User,
    child: Person,
    occurred_on: dt.date,
    to_level: str,
    reason: str,
    via: str = "web",
) -> LevelTransition:
    """Record a step-up or step-down from the child's current level to `to_level`.

    Refused: the same level, no reason, a future date, a date before the last transition.
    """
    errors = level_transition_errors(
        child=child, occurred_on=occurred_on, to_level=to_level, reason=reason
    )
    if errors:
        raise ValidationError(errors)
    return transition_write(
        actor=actor, child=child, occurred_on=occurred_on, to_level=to_level, reason=reason, via=via
    )
