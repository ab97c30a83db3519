"""S47 enquiries: started at the strategy discussion that decided on one; the lead worker, the
date the child was seen, the findings and outcome (concerns substantiated or not; an ICPC
needed or not, with the reason when not: the census's "ICPC not required"), the end date."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from cairn.core import clock
from cairn.core.records import record_create, record_update
from cairn.frontdoor.selectors import episode_get_open
from cairn.people.models import Person
from cairn.protection.models import S47_DECISIONS, S47Enquiry, S47Outcome, StrategyDiscussion
from cairn.protection.services._common import format_date, meeting_day


def s47_start_errors(*, child: Person, started_on: dt.date) -> dict:
    """What stops a S47 enquiry starting for the child (empty when it can)."""
    if episode_get_open(child=child) is None:
        return {
            "child": f"{child.full_name} has no open referral: a S47 enquiry needs an open "
            "CIN episode (record the referral first)"
        }
    current = S47Enquiry.objects.filter(child=child, ended_on__isnull=True).first()
    if current is not None:
        return {
            "child": f"{child.full_name} already has an open S47 enquiry (started "
            f"{format_date(current.started_on)})"
        }
    return {}


@transaction.atomic
def s47_start(
    *, actor, child: Person, strategy: StrategyDiscussion, lead_worker=None, via: str = "web"
) -> S47Enquiry:
    """Start a S47 enquiry for a child of a strategy discussion that decided on one. It starts
    on the discussion's date (timescales.md ICPC_15WD counts from it)."""
    meeting = strategy.meeting
    started_on = meeting_day(meeting.held_at)
    errors = {}
    if strategy.decision not in S47_DECISIONS:
        errors["strategy"] = "The strategy discussion did not decide on a S47 enquiry"
    if not meeting.children.filter(child=child).exists():
        errors["child"] = f"The strategy discussion was not about {child.full_name}"
    else:
        errors |= s47_start_errors(child=child, started_on=started_on)
    if errors:
        raise ValidationError(errors)
    return record_create(
        model=S47Enquiry,
        actor=actor,
        audit_subject=child,
        via=via,
        child=child,
        episode=episode_get_open(child=child),
        strategy_discussion=meeting,
        started_on=started_on,
        lead_worker=lead_worker or actor,
    )


def _outcome_errors(  # noqa: C901
    *,
    s47: S47Enquiry,
    child_seen_on,
    findings: str,
    outcome: str,
    icpc_needed,
    icpc_not_needed_reason: str,
    ended_on,
) -> dict:
    errors = {}
    today = clock.today()
    if child_seen_on is not None:
        if child_seen_on > today:
            errors["child_seen_on"] = "The date the child was seen must be today or in the past"
        elif child_seen_on < s47.started_on:
            errors["child_seen_on"] = (
                "The child cannot be seen for the enquiry before it started on "
                f"{format_date(s47.started_on)}"
            )
    if outcome and outcome not in S47Outcome.values:
        errors["outcome"] = "Choose whether the concerns were substantiated"
    if icpc_needed is False and not icpc_not_needed_reason.strip():
        errors["icpc_not_needed_reason"] = (
            "Give the reason an initial child protection conference is not required"
        )
    if ended_on is not None:
        if ended_on > today:
            errors["ended_on"] = "The end date must be today or in the past"
        elif ended_on < s47.started_on:
            errors["ended_on"] = (
                f"The enquiry cannot end before it started on {format_date(s47.started_on)}"
            )
        if child_seen_on is None:
            errors["child_seen_on"] = "Enter the date the child was seen before ending the enquiry"
        if not findings.strip():
            errors["findings"] = "Enter the findings before ending the enquiry"
        if not outcome:
            errors["outcome"] = "Choose whether the concerns were substantiated"
        if icpc_needed is None:
            errors["icpc_needed"] = "Say whether an initial child protection conference is needed"
    return errors


@transaction.atomic
def s47_update(
    *,
    actor,
    s47: S47Enquiry,
    expected_version: int,
    lead_worker=None,
    child_seen_on: dt.date | None = None,
    findings: str = "",
    outcome: str = "",
    icpc_needed: bool | None = None,
    icpc_not_needed_reason: str = "",
    ended_on: dt.date | None = None,
    via: str = "web",
) -> S47Enquiry:
    """Record the enquiry's progress and outcome.

    Refused: the child seen, or the end, in the future or before the enquiry started; "ICPC not
    required" without a reason; ending without the date seen, findings, outcome and whether an
    ICPC is needed.
    """
    errors = _outcome_errors(
        s47=s47,
        child_seen_on=child_seen_on,
        findings=findings,
        outcome=outcome,
        icpc_needed=icpc_needed,
        icpc_not_needed_reason=icpc_not_needed_reason,
        ended_on=ended_on,
    )
    if errors:
        raise ValidationError(errors)
    return record_update(
        instance=s47,
        actor=actor,
        expected_version=expected_version,
        audit_subject=s47.child,
        via=via,
        lead_worker=lead_worker or s47.lead_worker,
        child_seen_on=child_seen_on,
        findings=findings.strip(),
        outcome=outcome,
        icpc_needed=icpc_needed,
        icpc_not_needed_reason=icpc_not_needed_reason.strip() if icpc_needed is False else "",
        ended_on=ended_on,
    )
