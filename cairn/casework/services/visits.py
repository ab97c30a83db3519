"""Recording visits and direct work with a child."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from cairn.casework.models import Visit, VisitKind
from cairn.core import clock
from cairn.core.records import record_create
from cairn.frontdoor.selectors import episode_get_open
from cairn.people.models import Person


def _format(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


@transaction.atomic
def visit_record(
    *,
    actor,
    child: Person,
    kind: str,
    visited_on: dt.date,
    child_seen: bool,
    seen_alone: bool = False,
    bedroom_seen: bool = False,
    location: str,
    present: str = "",
    wishes_and_feelings: str = "",
    direct_work: str = "",
    observations: str = "",
    analysis: str = "",
) -> Visit:
    """Record a visit to a child who is open to children's social care (an open CIN episode).

    The visit belongs to the open episode and the worker is the person recording it. A visit
    cannot be in the future or before the referral that opened the episode, and a child who
    was not seen cannot have been seen alone (issue 3, workflow integrity).
    """
    episode = episode_get_open(child=child)
    errors: dict[str, str] = {}
    if episode is None:
        errors["child"] = (
            f"{child.full_name} is not open to children's social care: "
            "a visit can only be recorded during an open referral"
        )
    if kind not in VisitKind.values:
        errors["kind"] = "Select the type of visit"
    if visited_on > clock.today():
        errors["visited_on"] = "The date of the visit must be today or in the past"
    elif episode is not None and visited_on < episode.referral_date:
        errors["visited_on"] = (
            "The date of the visit must be on or after the referral date, "
            f"{_format(episode.referral_date)}"
        )
    if seen_alone and not child_seen:
        errors["seen_alone"] = "The child cannot have been seen alone if they were not seen"
    if not location.strip():
        errors["location"] = "Enter where the visit took place"
    if errors:
        raise ValidationError(errors)
    return record_create(
        model=Visit,
        actor=actor,
        audit_subject=child,
        child=child,
        episode=episode,
        kind=kind,
        visited_on=visited_on,
        child_seen=child_seen,
        seen_alone=seen_alone,
        bedroom_seen=bedroom_seen,
        location=location.strip(),
        present=present.strip(),
        wishes_and_feelings=wishes_and_feelings.strip(),
        direct_work=direct_work.strip(),
        observations=observations.strip(),
        analysis=analysis.strip(),
        worker=actor,
    )
