"""The intervention: start, sessions log and the outcome at the end, with the refused
sequences (intervention before the referral, outcome before the intervention's start or its
last session, outcomes that contradict the looked-after record)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cairn.core.models import AuditAction
from cairn.core.records import ConcurrentEditError
from cairn.edgeofcare.models import InterventionOutcome, ReferralStatus, SessionKind
from cairn.edgeofcare.services.interventions import (
    intervention_end,
    intervention_start,
    session_record,
)
from cairn.testing.audit import assert_audited
from cairn.testing.edgeofcare_factories import (
    AcceptedReferralFactory,
    InterventionFactory,
    ReferralFactory,
    SessionFactory,
)
from cairn.testing.factories import UserFactory
from cairn.testing.legal_factories import LookedAfterPeriodFactory

ACCEPTED = dt.date(2026, 1, 7)


@pytest.fixture
def referral(child_in_north, teams):
    return AcceptedReferralFactory(
        child=child_in_north,
        team=teams["north"],
        referred_on=dt.date(2026, 1, 5),
        decided_on=ACCEPTED,
    )


@pytest.fixture
def intervention(referral, eoc_worker):
    referral.status = ReferralStatus.IN_INTERVENTION
    referral.save()
    return InterventionFactory(
        referral=referral, worker=eoc_worker, started_on=dt.date(2026, 1, 12)
    )


def _start(actor, referral, **overrides):
    fields = dict(started_on=dt.date(2026, 1, 12), worker=actor, goals="Keep Amara safely at home")
    return intervention_start(actor=actor, referral=referral, **(fields | overrides))


def _end(actor, intervention, **overrides):
    fields = dict(ended_on=dt.date(2026, 3, 2), outcome=InterventionOutcome.REMAINED_AT_HOME)
    return intervention_end(
        actor=actor,
        intervention=intervention,
        expected_version=intervention.version,
        **(fields | overrides),
    )


def test_starting_moves_the_referral_on_and_is_audited(referral, eoc_worker):
    started = _start(eoc_worker, referral)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.IN_INTERVENTION
    assert started.worker == eoc_worker
    assert_audited(instance=started, action=AuditAction.CREATE, actor=eoc_worker)
    assert_audited(
        instance=referral, action=AuditAction.UPDATE, actor=eoc_worker, fields={"status"}
    )


def test_intervention_before_the_referral_is_refused(referral, eoc_worker):
    with pytest.raises(ValidationError) as excinfo:
        _start(eoc_worker, referral, started_on=dt.date(2026, 1, 2))
    assert excinfo.value.message_dict["started_on"] == [
        "The start date of the intervention cannot be before the referral (5 January 2026)"
    ]


def test_intervention_before_acceptance_is_refused(referral, eoc_worker):
    with pytest.raises(ValidationError) as excinfo:
        _start(eoc_worker, referral, started_on=dt.date(2026, 1, 6))
    assert excinfo.value.message_dict["started_on"] == [
        "The start date of the intervention cannot be before the referral was accepted "
        "(7 January 2026)"
    ]


def test_intervention_for_a_referral_not_accepted_is_refused(child_in_north, eoc_worker):
    undecided = ReferralFactory(child=child_in_north)
    with pytest.raises(ValidationError) as excinfo:
        _start(eoc_worker, undecided)
    assert excinfo.value.message_dict["status"] == [
        "The edge-of-care referral is 'Awaiting decision' and cannot become "
        "'Intervention under way': it can next be 'Accepted' or 'Declined'"
    ]


def test_a_second_intervention_is_refused(intervention, eoc_worker):
    with pytest.raises(ValidationError) as excinfo:
        _start(eoc_worker, intervention.referral)
    assert "cannot become 'Intervention under way'" in excinfo.value.message_dict["status"][0]


def test_worker_outside_the_edge_of_care_team_is_refused(referral, eoc_worker, teams):
    outsider = UserFactory(team=teams["north"])
    with pytest.raises(ValidationError) as excinfo:
        _start(eoc_worker, referral, worker=outsider)
    assert excinfo.value.message_dict["worker"] == ["Choose a worker from the edge-of-care team"]


def test_session_is_logged(intervention, eoc_worker):
    session = session_record(
        actor=eoc_worker,
        intervention=intervention,
        held_on=dt.date(2026, 1, 14),
        kind=SessionKind.HOME_VISIT,
        note="Met mother and Amara at home",
    )
    assert list(intervention.sessions.all()) == [session]
    assert_audited(instance=session, action=AuditAction.CREATE, actor=eoc_worker)


def test_session_before_the_intervention_is_refused(intervention, eoc_worker):
    with pytest.raises(ValidationError) as excinfo:
        session_record(
            actor=eoc_worker,
            intervention=intervention,
            held_on=dt.date(2026, 1, 9),
            kind=SessionKind.HOME_VISIT,
            note="Too early",
        )
    assert excinfo.value.message_dict["held_on"] == [
        "The date of the session cannot be before the intervention started (12 January 2026)"
    ]


def test_ending_records_the_outcome_and_ends_the_referral(intervention, eoc_worker):
    ended = _end(eoc_worker, intervention)
    assert ended.outcome == InterventionOutcome.REMAINED_AT_HOME
    intervention.referral.refresh_from_db()
    assert intervention.referral.status == ReferralStatus.ENDED
    assert_audited(
        instance=ended,
        action=AuditAction.UPDATE,
        actor=eoc_worker,
        fields={"ended_on", "outcome"},
    )


def test_session_after_the_end_is_refused(intervention, eoc_worker):
    ended = _end(eoc_worker, intervention)
    with pytest.raises(ValidationError) as excinfo:
        session_record(
            actor=eoc_worker,
            intervention=ended,
            held_on=dt.date(2026, 3, 3),
            kind=SessionKind.FAMILY,
            note="After the end",
        )
    assert excinfo.value.message_dict["held_on"] == [
        "The session cannot be after the intervention ended"
    ]


def test_outcome_before_the_intervention_started_is_refused(intervention, eoc_worker):
    with pytest.raises(ValidationError) as excinfo:
        _end(eoc_worker, intervention, ended_on=dt.date(2026, 1, 10))
    assert excinfo.value.message_dict["ended_on"] == [
        "The end date of the intervention cannot be before the intervention started "
        "(12 January 2026)"
    ]


def test_outcome_before_the_last_session_is_refused(intervention, eoc_worker):
    SessionFactory(intervention=intervention, held_on=dt.date(2026, 3, 5))
    with pytest.raises(ValidationError) as excinfo:
        _end(eoc_worker, intervention)
    assert excinfo.value.message_dict["ended_on"] == [
        "The end date of the intervention cannot be before its last session (5 March 2026)"
    ]


def test_outcome_of_an_ended_intervention_is_refused(intervention, eoc_worker):
    ended = _end(eoc_worker, intervention)
    ended.referral.refresh_from_db()
    with pytest.raises(ValidationError) as excinfo:
        _end(eoc_worker, ended)
    assert "is 'Intervention ended'" in excinfo.value.message_dict["status"][0]


def test_other_outcome_must_be_explained(intervention, eoc_worker):
    with pytest.raises(ValidationError) as excinfo:
        _end(eoc_worker, intervention, outcome=InterventionOutcome.OTHER)
    assert excinfo.value.message_dict["outcome_other"] == ["Say what the other outcome is"]


def test_at_home_while_looked_after_is_refused(intervention, eoc_worker):
    LookedAfterPeriodFactory(child=intervention.referral.child, started_on=dt.date(2026, 2, 20))
    with pytest.raises(ValidationError) as excinfo:
        _end(eoc_worker, intervention)
    assert excinfo.value.message_dict["outcome"] == [
        "Amara Okafor is recorded as looked after on the end date"
    ]


def test_looked_after_outcome_needs_the_looked_after_record(intervention, eoc_worker):
    with pytest.raises(ValidationError) as excinfo:
        _end(eoc_worker, intervention, outcome=InterventionOutcome.LOOKED_AFTER)
    assert "became looked after (on their legal record)" in excinfo.value.message_dict["outcome"][0]
    LookedAfterPeriodFactory(child=intervention.referral.child, started_on=dt.date(2026, 2, 20))
    ended = _end(eoc_worker, intervention, outcome=InterventionOutcome.LOOKED_AFTER)
    assert ended.outcome == InterventionOutcome.LOOKED_AFTER


def test_stale_outcome_is_refused(intervention, eoc_worker):
    with pytest.raises(ConcurrentEditError):
        intervention_end(
            actor=eoc_worker,
            intervention=intervention,
            expected_version=intervention.version + 1,
            ended_on=dt.date(2026, 3, 2),
            outcome=InterventionOutcome.REMAINED_AT_HOME,
        )
