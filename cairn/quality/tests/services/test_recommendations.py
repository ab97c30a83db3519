"""Recommendations: made by the auditor, done by the worker with evidence made after the audit,
verified by the auditor; the impact follow-up."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cairn.accounts.roles import Role
from cairn.core.models import AuditAction
from cairn.quality.models import AuditStatus, ImpactAnswer, RecommendationStatus
from cairn.quality.services.recommendations import (
    impact_follow_up_record,
    recommendation_complete,
    recommendation_make,
    recommendation_return,
    recommendation_verify,
)
from cairn.testing.audit import assert_audited
from cairn.testing.records_factories import CaseNoteFactory, VisitFactory

TODAY = dt.date(2026, 3, 16)


@pytest.fixture
def recommendation(audit, auditor, worker):
    return recommendation_make(
        actor=auditor,
        audit=audit,
        action="Visit Amara and see her alone",
        owner=worker,
        due_on=dt.date(2026, 4, 13),
    )


def test_the_auditor_makes_a_recommendation_for_the_childs_worker(recommendation, auditor):
    assert recommendation.status == RecommendationStatus.OPEN
    assert recommendation.made_on == TODAY
    assert recommendation.child == recommendation.audit.child
    assert_audited(instance=recommendation, action=AuditAction.CREATE, actor=auditor)


def test_a_recommendation_needs_an_owner_for_the_child_and_a_future_date(audit, auditor, users):
    with pytest.raises(ValidationError) as error:
        recommendation_make(
            actor=auditor,
            audit=audit,
            action=" ",
            owner=users[Role.CP_CHAIR],
            due_on=TODAY,
        )
    assert error.value.message_dict == {
        "action": ["Say what needs to be done for the child"],
        "owner": ["Choose the child's worker or manager as the owner"],
        "due_on": ["The due date must be after today"],
    }


def test_the_worker_records_the_action_with_a_record_made_after_it(recommendation, worker):
    visit = VisitFactory(child=recommendation.child, visited_on=TODAY, seen_alone=True)
    done = recommendation_complete(
        actor=worker,
        recommendation=recommendation,
        expected_version=recommendation.version,
        evidence_kind="visit",
        evidence_id=visit.pk,
        note="Seen alone at school",
    )
    assert done.status == RecommendationStatus.AWAITING_VERIFICATION
    assert (done.evidence_kind, done.evidence_id, done.completed_by) == ("visit", visit.pk, worker)
    assert_audited(instance=done, action=AuditAction.UPDATE, actor=worker, fields={"status"})


def test_evidence_made_before_the_audit_is_refused(audit, auditor, worker):
    earlier = VisitFactory(
        child=audit.child, visited_on=TODAY
    )  # recorded before the recommendation
    recommendation = recommendation_make(
        actor=auditor, audit=audit, action="Visit", owner=worker, due_on=dt.date(2026, 4, 1)
    )
    backdated = CaseNoteFactory(child=audit.child, occurred_on=dt.date(2026, 3, 1))
    for kind, record in (("visit", earlier), ("case_note", backdated)):
        with pytest.raises(ValidationError) as error:
            recommendation_complete(
                actor=worker,
                recommendation=recommendation,
                expected_version=recommendation.version,
                evidence_kind=kind,
                evidence_id=record.pk,
            )
        assert error.value.message_dict == {
            "evidence": ["Choose a record made after the audit on 16 March 2026"]
        }
    recommendation.refresh_from_db()
    assert recommendation.status == RecommendationStatus.OPEN


@pytest.mark.parametrize("role", [Role.CP_CHAIR, Role.SENIOR_LEADER])
def test_only_the_owner_or_a_writer_of_the_childs_record_completes(recommendation, users, role):
    visit = VisitFactory(child=recommendation.child, visited_on=TODAY)
    with pytest.raises(PermissionDenied):
        recommendation_complete(
            actor=users[role],
            recommendation=recommendation,
            expected_version=recommendation.version,
            evidence_kind="visit",
            evidence_id=visit.pk,
        )


def _completed(recommendation, worker):
    visit = VisitFactory(child=recommendation.child, visited_on=TODAY)
    return recommendation_complete(
        actor=worker,
        recommendation=recommendation,
        expected_version=recommendation.version,
        evidence_kind="visit",
        evidence_id=visit.pk,
    )


def test_the_auditor_verifies_and_no_one_else(recommendation, worker, auditor, moderator):
    done = _completed(recommendation, worker)
    with pytest.raises(PermissionDenied):
        recommendation_verify(actor=worker, recommendation=done, expected_version=done.version)
    with pytest.raises(PermissionDenied):
        recommendation_verify(actor=moderator, recommendation=done, expected_version=done.version)
    verified = recommendation_verify(
        actor=auditor, recommendation=done, expected_version=done.version
    )
    assert (verified.status, verified.verified_by, verified.verified_on) == (
        RecommendationStatus.VERIFIED,
        auditor,
        TODAY,
    )
    with pytest.raises(ValidationError, match="cannot become"):
        recommendation_verify(
            actor=auditor, recommendation=verified, expected_version=verified.version
        )


def test_an_open_recommendation_cannot_be_verified(recommendation, auditor):
    with pytest.raises(ValidationError, match="'Open' and cannot become 'Completed and verified'"):
        recommendation_verify(
            actor=auditor, recommendation=recommendation, expected_version=recommendation.version
        )


def test_the_auditor_sends_it_back_with_a_reason(recommendation, worker, auditor):
    done = _completed(recommendation, worker)
    with pytest.raises(ValidationError, match="Say why"):
        recommendation_return(
            actor=auditor, recommendation=done, expected_version=done.version, reason=""
        )
    back = recommendation_return(
        actor=auditor,
        recommendation=done,
        expected_version=done.version,
        reason="The visit does not say Amara was seen alone",
    )
    assert back.status == RecommendationStatus.OPEN
    assert back.evidence_id is None
    assert back.returned_reason


def _moderated(audit, moderator):
    audit.status = AuditStatus.MODERATED
    audit.moderator = moderator
    audit.audited_on = TODAY
    audit.save()
    return audit


def test_the_impact_follow_up_points_to_a_record_after_the_audit(audit, auditor, moderator):
    audit = _moderated(audit, moderator)
    with pytest.raises(ValidationError, match="Choose the record that shows this"):
        impact_follow_up_record(
            actor=auditor, audit=audit, answer=ImpactAnswer.YES, narrative="Better"
        )
    visit = VisitFactory(child=audit.child, visited_on=TODAY)
    follow_up = impact_follow_up_record(
        actor=auditor,
        audit=audit,
        answer=ImpactAnswer.PARTLY,
        narrative="Seen alone; school attendance not yet better",
        evidence_kind="visit",
        evidence_id=visit.pk,
    )
    assert follow_up.evidence_label.startswith("Statutory child in need visit")
    assert_audited(instance=follow_up, action=AuditAction.CREATE, actor=auditor)
    with pytest.raises(ValidationError, match="already been recorded"):
        impact_follow_up_record(actor=auditor, audit=audit, answer=ImpactAnswer.NO, narrative="No")


def test_the_follow_up_waits_for_moderation_and_is_the_auditors(audit, auditor, worker):
    with pytest.raises(ValidationError, match="moderated before"):
        impact_follow_up_record(actor=auditor, audit=audit, answer=ImpactAnswer.NO, narrative="x")
    with pytest.raises(PermissionDenied):
        impact_follow_up_record(actor=worker, audit=audit, answer=ImpactAnswer.NO, narrative="x")
