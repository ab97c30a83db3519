"""Contacts and threshold decisions at the front door."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cairn.accounts.models import Team, User
from cairn.core import clock
from cairn.core.codelists import is_valid
from cairn.core.records import record_create, record_update
from cairn.frontdoor.models import Consent, Contact, ContactChild, NextStep, ThresholdLevel
from cairn.frontdoor.services._checks import long_date
from cairn.people.models import Person


def _unique(children: list[Person]) -> list[Person]:
    seen: set[int] = set()
    return [c for c in children if not (c.pk in seen or seen.add(c.pk))]


def _contact_errors(
    *, received_at, source: str, concerns: str, consent: str, team, children: list[Person]
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if received_at is None:
        errors["received_at"] = "Enter the date and time the contact was received"
    elif timezone.localtime(received_at).date() > clock.today():
        errors["received_at"] = "The date the contact was received must be today or in the past"
    if not is_valid("referral_source", source or ""):
        errors["source"] = "Select the source of the contact"
    if not (concerns or "").strip():
        errors["concerns"] = "Enter the concerns raised in the contact"
    if consent not in Consent.values:
        errors["consent"] = "Select whether the family consented to the contact"
    if team is None:
        errors["team"] = "You need to belong to a team to record a contact"
    if not children:
        errors["children"] = "Select at least one child the contact is about"
    elif adults := [c.full_name for c in children if not c.is_child]:
        errors["children"] = f"A contact is about children: {', '.join(adults)} is not a child"
    return errors


@transaction.atomic
def contact_record(
    *,
    actor: User,
    received_at: dt.datetime,
    source: str,
    concerns: str,
    team: Team,
    children: list[Person],
    referrer_name: str = "",
    referrer_organisation: str = "",
    referrer_role: str = "",
    consent: str = Consent.NOT_RECORDED,
    via: str = "web",
) -> Contact:
    """Record a contact about one or more children (siblings share one contact).

    Each child gets a ContactChild row awaiting its threshold decision (CONTACT_DECISION_1WD).
    """
    children = _unique(list(children or []))
    errors = _contact_errors(
        received_at=received_at,
        source=source,
        concerns=concerns,
        consent=consent,
        team=team,
        children=children,
    )
    if errors:
        raise ValidationError(errors)
    contact = record_create(
        model=Contact,
        actor=actor,
        audit_subject=children[0],
        via=via,
        received_at=received_at,
        source=source,
        referrer_name=referrer_name.strip(),
        referrer_organisation=referrer_organisation.strip(),
        referrer_role=referrer_role.strip(),
        concerns=concerns.strip(),
        consent=consent,
        team=team,
    )
    for child in children:
        record_create(
            model=ContactChild,
            actor=actor,
            audit_subject=child,
            via=via,
            contact=contact,
            child=child,
        )
    return contact


@transaction.atomic
def threshold_decide(
    *,
    actor: User,
    contact_child: ContactChild,
    level: ThresholdLevel | None,
    rationale: str,
    next_step: str,
    via: str = "web",
) -> ContactChild:
    """Record the threshold decision for one child on a contact: level on the continuum of
    need, rationale (required) and next step. A child's decision on a contact is made once."""
    current = ContactChild.objects.select_for_update().get(pk=contact_child.pk)
    errors: dict[str, str] = {}
    if current.decided_at is not None:
        errors["decided_at"] = (
            f"The threshold decision for {current.child.full_name} on this contact was already "
            f"made on {long_date(timezone.localtime(current.decided_at).date())}"
        )
    if not isinstance(level, ThresholdLevel):
        errors["threshold_level"] = "Select the level of need"
    if not (rationale or "").strip():
        errors["rationale"] = "Enter the rationale for the decision"
    if next_step not in NextStep.values:
        errors["next_step"] = "Select the next step"
    if errors:
        raise ValidationError(errors)
    return record_update(
        instance=current,
        actor=actor,
        expected_version=current.version,
        audit_subject=current.child,
        via=via,
        threshold_level=level,
        rationale=rationale.strip(),
        next_step=next_step,
        decided_by=actor,
        decided_at=clock.now(),
    )
