"""The edge-of-care intervention: its start (worker and goals), the sessions log and the
outcome at the end. The outcomes 6 and 12 months later are read from looked-after periods
(selectors/outcomes.py), never recorded here."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from cairn.accounts.models import User
from cairn.core.records import record_create, record_update
from cairn.edgeofcare.models import (
    EdgeOfCareReferral,
    Intervention,
    InterventionOutcome,
    InterventionSession,
    ReferralStatus,
    SessionKind,
)
from cairn.edgeofcare.selectors.records import (
    looked_after_on,
    looked_after_started_between,
    worker_list_for_intervention,
)
from cairn.edgeofcare.services._common import date_errors
from cairn.edgeofcare.workflows import REFERRAL


@transaction.atomic
def intervention_start(
    *,
    actor,
    referral: EdgeOfCareReferral,
    started_on: dt.date | None,
    worker: User | None,
    goals: str,
    via: str = "web",
) -> Intervention:
    """Start the intervention for an accepted referral. Refused: a referral not accepted (or
    already in intervention); no date, a future one or one before the referral or its
    acceptance; a worker who is not an edge-of-care practitioner; no goals."""
    REFERRAL.check(referral.status, ReferralStatus.IN_INTERVENTION)
    errors = date_errors(
        "started_on",
        started_on,
        what="start date of the intervention",
        not_before=[
            (referral.referred_on, "the referral"),
            (referral.decided_on, "the referral was accepted"),
        ],
    )
    if worker is None or not worker_list_for_intervention().filter(pk=worker.pk).exists():
        errors["worker"] = "Choose a worker from the edge-of-care team"
    if not goals.strip():
        errors["goals"] = "Enter the goals of the intervention"
    if errors:
        raise ValidationError(errors)
    intervention = record_create(
        model=Intervention,
        actor=actor,
        audit_subject=referral.child,
        via=via,
        referral=referral,
        worker=worker,
        started_on=started_on,
        goals=goals.strip(),
    )
    record_update(
        instance=referral,
        actor=actor,
        expected_version=referral.version,
        audit_subject=referral.child,
        via=via,
        status=ReferralStatus.IN_INTERVENTION,
    )
    return intervention


@transaction.atomic
def session_record(
    *,
    actor,
    intervention: Intervention,
    held_on: dt.date | None,
    kind: str,
    note: str,
    via: str = "web",
) -> InterventionSession:
    """Add a session to the intervention's log. Refused: no date, a future one, one before the
    intervention started or after it ended; no kind; no note."""
    errors = date_errors(
        "held_on",
        held_on,
        what="date of the session",
        not_before=[(intervention.started_on, "the intervention started")],
    )
    if not errors and intervention.ended_on and held_on > intervention.ended_on:
        errors["held_on"] = "The session cannot be after the intervention ended"
    if kind not in SessionKind.values:
        errors["kind"] = "Choose the kind of session"
    if not note.strip():
        errors["note"] = "Enter what happened in the session"
    if errors:
        raise ValidationError(errors)
    return record_create(
        model=InterventionSession,
        actor=actor,
        audit_subject=intervention.referral.child,
        via=via,
        intervention=intervention,
        held_on=held_on,
        kind=kind,
        note=note.strip(),
    )


def _outcome_errors(intervention, ended_on, outcome, outcome_other) -> dict:
    """The outcome must agree with the child's looked-after periods."""
    child = intervention.referral.child
    if outcome not in InterventionOutcome.values:
        return {"outcome": "Choose the outcome at the end of the intervention"}
    if outcome == InterventionOutcome.OTHER and not outcome_other.strip():
        return {"outcome_other": "Say what the other outcome is"}
    if outcome == InterventionOutcome.REMAINED_AT_HOME and looked_after_on(
        child=child, day=ended_on
    ):
        return {"outcome": f"{child.full_name} is recorded as looked after on the end date"}
    if outcome == InterventionOutcome.LOOKED_AFTER and not looked_after_started_between(
        child=child, start=intervention.referral.referred_on, end=ended_on
    ):
        return {
            "outcome": (
                f"Record that {child.full_name} became looked after (on their legal record) "
                "before recording this outcome"
            )
        }
    return {}


@transaction.atomic
def intervention_end(
    *,
    actor,
    intervention: Intervention,
    expected_version: int,
    ended_on: dt.date | None,
    outcome: str,
    outcome_other: str = "",
    via: str = "web",
) -> Intervention:
    """End the intervention with its outcome: remained at home, became looked after, or other
    (said what). Refused: an intervention already ended; no date, a future one, or one before
    the intervention started or its last session; "remained at home" for a child looked after
    on the end date; "became looked after" without a looked-after period starting between the
    referral and the end."""
    referral = intervention.referral
    REFERRAL.check(referral.status, ReferralStatus.ENDED)
    last_session = max((s.held_on for s in intervention.sessions.all()), default=None)
    errors = date_errors(
        "ended_on",
        ended_on,
        what="end date of the intervention",
        not_before=[
            (intervention.started_on, "the intervention started"),
            (last_session, "its last session"),
        ],
    )
    if not errors:
        errors = _outcome_errors(intervention, ended_on, outcome, outcome_other)
    if errors:
        raise ValidationError(errors)
    ended = record_update(
        instance=intervention,
        actor=actor,
        expected_version=expected_version,
        audit_subject=referral.child,
        via=via,
        ended_on=ended_on,
        outcome=outcome,
        outcome_other=outcome_other.strip() if outcome == InterventionOutcome.OTHER else "",
    )
    record_update(
        instance=referral,
        actor=actor,
        expected_version=referral.version,
        audit_subject=referral.child,
        via=via,
        status=ReferralStatus.ENDED,
    )
    return ended
