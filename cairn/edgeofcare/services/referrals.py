"""Referrals to the edge-of-care service and the service's decision on them."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from cairn.core.records import record_create, record_update
from cairn.edgeofcare.models import (
    EdgeOfCareReferral,
    ReferralDecision,
    ReferralStatus,
    RiskOfCare,
)
from cairn.edgeofcare.selectors.records import (
    looked_after_on,
    referral_open_for_child,
    referring_team_for,
)
from cairn.edgeofcare.services._common import date_errors
from cairn.edgeofcare.workflows import REFERRAL
from cairn.people.models import Person


@transaction.atomic
def referral_create(
    *,
    actor,
    child: Person,
    referred_on: dt.date | None,
    reason: str,
    risk_of_care: str,
    via: str = "web",
) -> EdgeOfCareReferral:
    """Refer a child at risk of entering care to the edge-of-care service. The referrer is the
    actor; the team is the child's allocated team. Refused: no date, a future one or one before
    the child was born; no reason or risk; a child already referred and not yet finished with
    (awaiting a decision or in an intervention); a child who is looked after on that day (the
    service is for children at risk of entering care)."""
    errors = date_errors(
        "referred_on",
        referred_on,
        what="date of the referral",
        not_before=[(child.date_of_birth, "the child's date of birth")],
    )
    if not reason.strip():
        errors["reason"] = "Enter the reason for the referral"
    if risk_of_care not in RiskOfCare.values:
        errors["risk_of_care"] = "Choose the risk of the child entering care"
    if referral_open_for_child(child=child) is not None:
        errors["referred_on"] = (
            f"{child.full_name} already has an edge-of-care referral that is not finished"
        )
    if "referred_on" not in errors and looked_after_on(child=child, day=referred_on):
        errors["referred_on"] = (
            f"{child.full_name} is looked after on that day: edge of care is for children "
            "at risk of entering care"
        )
    team = referring_team_for(child=child, user=actor)
    if team is None:
        errors["referred_on"] = f"{child.full_name} is not allocated to a team"
    if errors:
        raise ValidationError(errors)
    return record_create(
        model=EdgeOfCareReferral,
        actor=actor,
        audit_subject=child,
        via=via,
        child=child,
        referred_on=referred_on,
        referrer=actor,
        team=team,
        reason=reason.strip(),
        risk_of_care=risk_of_care,
    )


@transaction.atomic
def referral_decide(
    *,
    actor,
    referral: EdgeOfCareReferral,
    expected_version: int,
    decision: str,
    decided_on: dt.date | None,
    reason: str,
    via: str = "web",
) -> EdgeOfCareReferral:
    """Record the service's decision to accept or decline the referral, and why. Refused: a
    referral already decided; no date, a future one or one before the referral; no reason."""
    if decision not in ReferralDecision.values:
        raise ValidationError({"decision": "Choose whether the referral is accepted"})
    REFERRAL.check(referral.status, decision)
    errors = date_errors(
        "decided_on",
        decided_on,
        what="date of the decision",
        not_before=[(referral.referred_on, "the referral")],
    )
    if not reason.strip():
        errors["reason"] = "Enter the reason for the decision"
    if errors:
        raise ValidationError(errors)
    return record_update(
        instance=referral,
        actor=actor,
        expected_version=expected_version,
        audit_subject=referral.child,
        via=via,
        status=ReferralStatus(decision),
        decision=decision,
        decided_on=decided_on,
        decided_by=actor,
        decision_reason=reason.strip(),
    )
