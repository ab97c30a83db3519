"""Referral to the edge-of-care service and the service's decision."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cairn.core.models import AuditAction
from cairn.core.records import ConcurrentEditError
from cairn.edgeofcare.models import ReferralDecision, ReferralStatus, RiskOfCare
from cairn.edgeofcare.services.referrals import referral_create, referral_decide
from cairn.testing.audit import assert_audited
from cairn.testing.legal_factories import LookedAfterPeriodFactory

REFERRED = dt.date(2026, 2, 2)


def _refer(actor, child, **overrides):
    fields = dict(
        referred_on=REFERRED,
        reason="Parent asked for the child to be accommodated",
        risk_of_care=RiskOfCare.IMMINENT,
    )
    return referral_create(actor=actor, child=child, **(fields | overrides))


def _messages(excinfo, field):
    return excinfo.value.message_dict[field]


def test_referral_records_the_referrer_and_the_childs_team(worker, child_in_north, teams):
    referral = _refer(worker, child_in_north)
    assert referral.referrer == worker
    assert referral.team == teams["north"]
    assert referral.status == ReferralStatus.AWAITING_DECISION
    assert_audited(instance=referral, action=AuditAction.CREATE, actor=worker)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"referred_on": None}, "referred_on", "Enter the date of the referral"),
        (
            {"referred_on": dt.date(2026, 3, 17)},
            "referred_on",
            "The date of the referral must be today or in the past",
        ),
        ({"reason": "  "}, "reason", "Enter the reason for the referral"),
        ({"risk_of_care": ""}, "risk_of_care", "Choose the risk of the child entering care"),
    ],
)
def test_bad_referral_is_refused(worker, child_in_north, overrides, field, message):
    with pytest.raises(ValidationError) as excinfo:
        _refer(worker, child_in_north, **overrides)
    assert _messages(excinfo, field) == [message]
    assert not child_in_north.edge_of_care_referrals.exists()


def test_referral_before_birth_is_refused(worker, child_in_north):
    child_in_north.date_of_birth = dt.date(2026, 1, 1)
    with pytest.raises(ValidationError) as excinfo:
        _refer(worker, child_in_north, referred_on=dt.date(2025, 12, 1))
    assert _messages(excinfo, "referred_on") == [
        "The date of the referral cannot be before the child's date of birth (1 January 2026)"
    ]


def test_second_open_referral_is_refused(worker, child_in_north):
    _refer(worker, child_in_north)
    with pytest.raises(ValidationError) as excinfo:
        _refer(worker, child_in_north)
    assert _messages(excinfo, "referred_on") == [
        "Amara Okafor already has an edge-of-care referral that is not finished"
    ]


def test_child_looked_after_on_the_day_is_refused(worker, child_in_north):
    LookedAfterPeriodFactory(child=child_in_north, started_on=dt.date(2026, 1, 10))
    with pytest.raises(ValidationError) as excinfo:
        _refer(worker, child_in_north)
    assert "is looked after on that day" in _messages(excinfo, "referred_on")[0]


def test_accepting_records_who_when_and_why(worker, eoc_manager, child_in_north):
    referral = _refer(worker, child_in_north)
    decided = referral_decide(
        actor=eoc_manager,
        referral=referral,
        expected_version=referral.version,
        decision=ReferralDecision.ACCEPTED,
        decided_on=dt.date(2026, 2, 4),
        reason="Care is likely within weeks",
    )
    assert decided.status == ReferralStatus.ACCEPTED
    assert decided.decided_by == eoc_manager
    assert_audited(
        instance=decided,
        action=AuditAction.UPDATE,
        actor=eoc_manager,
        fields={"status", "decision", "decided_on"},
    )


def test_decision_before_the_referral_is_refused(worker, eoc_manager, child_in_north):
    referral = _refer(worker, child_in_north)
    with pytest.raises(ValidationError) as excinfo:
        referral_decide(
            actor=eoc_manager,
            referral=referral,
            expected_version=referral.version,
            decision=ReferralDecision.DECLINED,
            decided_on=dt.date(2026, 2, 1),
            reason="Not at risk of care",
        )
    assert _messages(excinfo, "decided_on") == [
        "The date of the decision cannot be before the referral (2 February 2026)"
    ]


def test_deciding_twice_is_refused(worker, eoc_manager, child_in_north):
    referral = _refer(worker, child_in_north)
    fields = dict(decided_on=REFERRED, reason="Not at risk of care", actor=eoc_manager)
    declined = referral_decide(
        referral=referral,
        expected_version=1,
        decision=ReferralDecision.DECLINED,
        **fields,
    )
    with pytest.raises(ValidationError) as excinfo:
        referral_decide(
            referral=declined,
            expected_version=declined.version,
            decision=ReferralDecision.ACCEPTED,
            **fields,
        )
    assert _messages(excinfo, "status") == [
        "The edge-of-care referral is 'Declined' and cannot become 'Accepted'"
    ]


def test_a_declined_referral_allows_a_new_one(worker, eoc_manager, child_in_north):
    referral = _refer(worker, child_in_north)
    referral_decide(
        actor=eoc_manager,
        referral=referral,
        expected_version=1,
        decision=ReferralDecision.DECLINED,
        decided_on=REFERRED,
        reason="Not at risk of care",
    )
    assert _refer(worker, child_in_north, referred_on=dt.date(2026, 3, 2)).pk != referral.pk


def test_stale_decision_is_refused(worker, eoc_manager, child_in_north):
    referral = _refer(worker, child_in_north)
    with pytest.raises(ConcurrentEditError):
        referral_decide(
            actor=eoc_manager,
            referral=referral,
            expected_version=referral.version - 1,
            decision=ReferralDecision.ACCEPTED,
            decided_on=REFERRED,
            reason="Care likely",
        )
