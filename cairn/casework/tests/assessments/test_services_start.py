"""assessment_start and assessment_set_target: the target, the identity rows, pre-filled
updated assessments, and every refused start with its message and nothing written."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cairn.accounts.roles import Role
from cairn.casework.models import (
    Assessment,
    AssessmentIdentity,
    AssessmentStatus,
    AssessmentView,
    IdentityAspect,
)
from cairn.casework.services.assessments import assessment_set_target, assessment_start
from cairn.core.models import AuditAction, AuditEvent
from cairn.core.workflows import TransitionRefused
from cairn.frontdoor.models import Episode
from cairn.testing.assessments_factories import (
    ReferralFactory,
    SignificantEventFactory,
    assessment_at,
)
from cairn.testing.audit import assert_audited
from cairn.testing.factories import AllocationFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def _nothing_written(before_audit: int) -> None:
    assert Assessment.all_objects.count() == 0
    assert AssessmentIdentity.all_objects.count() == 0
    assert AuditEvent.objects.count() == before_audit


class TestStart:
    def test_starts_a_draft_due_45_working_days_after_the_referral(self, worker, referral):
        assessment = assessment_start(
            actor=worker, episode=referral, started_on=dt.date(2026, 1, 7)
        )

        assert assessment.status == AssessmentStatus.DRAFT
        assert assessment.child == referral.child
        assert assessment.target_date == dt.date(2026, 3, 9)  # Mon 5 Jan + 45 WD
        assert assessment.previous is None
        event = assert_audited(
            instance=assessment, action=AuditAction.CREATE, actor=worker, fields={"started_on"}
        )
        assert event.person_id == referral.child_id

    def test_creates_one_empty_row_per_identity_aspect(self, worker, referral):
        assessment = assessment_start(
            actor=worker, episode=referral, started_on=dt.date(2026, 1, 7)
        )

        rows = list(assessment.identity.all())
        assert sorted(r.aspect for r in rows) == sorted(IdentityAspect.values)
        assert len(rows) == 7
        assert not any(r.is_complete for r in rows)
        assert AuditEvent.objects.filter(person=referral.child, action="create").count() == 8

    def test_may_start_on_the_referral_date_and_today(self, worker, referral):
        assert assessment_start(actor=worker, episode=referral, started_on=dt.date(2026, 1, 5))
        other = ReferralFactory(referral_date=dt.date(2026, 3, 16))
        assert assessment_start(actor=worker, episode=other, started_on=dt.date(2026, 3, 16))

    @pytest.mark.parametrize(
        ("started_on", "message"),
        [
            (
                dt.date(2026, 1, 4),
                "The start date must be on or after the referral date (5 January 2026)",
            ),
            (dt.date(2026, 3, 17), "The start date must be today or in the past"),
            (None, "Enter the start date"),
        ],
    )
    def test_refuses_impossible_start_dates(self, worker, referral, started_on, message):
        before = AuditEvent.objects.count()

        with pytest.raises(ValidationError) as refused:
            assessment_start(actor=worker, episode=referral, started_on=started_on)

        assert refused.value.message_dict == {"started_on": [message]}
        _nothing_written(before)

    def test_refuses_a_closed_referral(self, worker, child_in_north):
        closed = ReferralFactory(
            child=child_in_north,
            referral_date=dt.date(2025, 6, 2),
            closed_on=dt.date(2025, 9, 1),
            closure_reason="RC8",
        )
        before = AuditEvent.objects.count()

        with pytest.raises(ValidationError) as refused:
            assessment_start(actor=worker, episode=closed, started_on=dt.date(2025, 6, 3))

        assert refused.value.message_dict == {
            "episode": [
                "The referral of 2 June 2025 was closed on 1 September 2025; an assessment "
                "can only start while the referral is open"
            ]
        }
        _nothing_written(before)

    def test_refuses_a_second_while_one_is_not_yet_authorised(self, worker, referral):
        assessment_start(actor=worker, episode=referral, started_on=dt.date(2026, 1, 7))
        before = AuditEvent.objects.count()

        with pytest.raises(ValidationError) as refused:
            assessment_start(actor=worker, episode=referral, started_on=dt.date(2026, 1, 8))

        assert refused.value.message_dict == {
            "episode": [
                "The assessment started on 7 January 2026 is not yet authorised; "
                "finish it before starting another"
            ]
        }
        assert Assessment.objects.count() == 1
        assert AuditEvent.objects.count() == before


class TestUpdatedAssessment:
    @pytest.fixture
    def authorised(self, worker, manager, referral):
        return assessment_at(
            AssessmentStatus.AUTHORISED, worker=worker, manager=manager, episode=referral
        )

    def test_starts_pre_filled_from_the_previous_and_linked_to_it(
        self, worker, referral, authorised
    ):
        event = SignificantEventFactory(child=referral.child, occurred_on=dt.date(2026, 3, 2))

        update = assessment_start(
            actor=worker,
            episode=referral,
            started_on=dt.date(2026, 3, 3),
            previous=authorised,
            prompted_by=event,
        )

        assert update.previous == authorised
        assert update.prompted_by == event
        assert update.status == AssessmentStatus.DRAFT
        assert update.analysis == authorised.analysis
        assert update.child_seen_on is None
        assert update.outcome == ""
        copied = {r.aspect: (r.content, r.not_relevant_reason) for r in update.identity.all()}
        original = {r.aspect: (r.content, r.not_relevant_reason) for r in authorised.identity.all()}
        assert copied == original
        assert [(v.holder, v.content) for v in update.views.all()] == [
            (v.holder, v.content) for v in authorised.views.all()
        ]
        assert sorted(f.code for f in update.factors.all()) == ["3B", "4B"]
        # The previous assessment keeps its own rows.
        assert AssessmentView.objects.filter(assessment=authorised).count() == 1

    def test_an_update_counts_45_working_days_from_its_own_start(
        self, worker, referral, authorised
    ):
        update = assessment_start(
            actor=worker, episode=referral, started_on=dt.date(2026, 3, 2), previous=authorised
        )

        assert update.target_date == dt.date(2026, 5, 7)  # Easter and May Day skipped

    def test_refuses_an_update_started_before_the_previous_was_authorised(
        self, worker, referral, authorised
    ):
        before = AuditEvent.objects.count()

        with pytest.raises(ValidationError) as refused:
            assessment_start(
                actor=worker, episode=referral, started_on=dt.date(2026, 1, 30), previous=authorised
            )

        assert refused.value.message_dict == {
            "started_on": [
                "The start date must be on or after the previous one was authorised "
                "(2 February 2026)"
            ]
        }
        assert Assessment.objects.count() == 1
        assert AuditEvent.objects.count() == before

    def test_refuses_an_update_started_before_the_event_that_prompted_it(
        self, worker, referral, authorised
    ):
        event = SignificantEventFactory(child=referral.child, occurred_on=dt.date(2026, 3, 4))

        with pytest.raises(ValidationError) as refused:
            assessment_start(
                actor=worker,
                episode=referral,
                started_on=dt.date(2026, 3, 3),
                previous=authorised,
                prompted_by=event,
            )

        assert refused.value.message_dict == {
            "started_on": [
                "The start date must be on or after the significant event (4 March 2026)"
            ]
        }
        assert Assessment.objects.count() == 1

    def test_refuses_another_childs_assessment_or_event(self, worker, manager, referral, teams):
        sibling = PersonFactory()
        AllocationFactory(child=sibling, team=teams["north"])
        other = assessment_at(
            AssessmentStatus.AUTHORISED,
            worker=worker,
            manager=manager,
            episode=ReferralFactory(child=sibling),
        )
        stranger_event = SignificantEventFactory(child=sibling)

        with pytest.raises(ValidationError) as refused:
            assessment_start(
                actor=worker,
                episode=referral,
                started_on=dt.date(2026, 3, 3),
                previous=other,
                prompted_by=stranger_event,
            )

        assert refused.value.message_dict == {
            "previous": ["An updated assessment must update one of this child's"],
            "prompted_by": ["The significant event must be one recorded on this child"],
        }
        assert not Assessment.objects.filter(child=referral.child).exists()

    def test_refuses_to_update_an_assessment_not_yet_authorised(self, worker, child_in_north):
        earlier_referral = ReferralFactory(child=child_in_north, referral_date=dt.date(2025, 6, 2))
        earlier = assessment_at(
            AssessmentStatus.SUBMITTED,
            worker=worker,
            episode=earlier_referral,
            started_on=dt.date(2025, 6, 3),
            seen_on=dt.date(2025, 6, 4),
        )
        Episode.objects.filter(pk=earlier_referral.pk).update(
            closed_on=dt.date(2025, 12, 1), closure_reason="RC8"
        )
        referral = ReferralFactory(child=child_in_north, referral_date=dt.date(2026, 1, 5))

        with pytest.raises(ValidationError) as refused:
            assessment_start(
                actor=worker, episode=referral, started_on=dt.date(2026, 3, 3), previous=earlier
            )

        assert refused.value.message_dict == {
            "previous": ["An updated assessment must start from an authorised assessment"]
        }
        assert not Assessment.objects.filter(episode=referral).exists()


class TestSetTarget:
    def test_a_manager_sets_a_shorter_target(self, manager, worker, referral):
        assessment = assessment_at(AssessmentStatus.DRAFT, worker=worker, episode=referral)

        changed = assessment_set_target(
            actor=manager, assessment=assessment, target_date=dt.date(2026, 2, 20)
        )

        assert changed.target_date == dt.date(2026, 2, 20)
        assert_audited(
            instance=changed, action=AuditAction.UPDATE, actor=manager, fields={"target_date"}
        )

    @pytest.mark.parametrize(
        ("target", "message"),
        [
            (
                dt.date(2026, 3, 9),
                "A target must be shorter than 45 working days: before 9 March 2026",
            ),
            (
                dt.date(2026, 4, 1),
                "A target must be shorter than 45 working days: before 9 March 2026",
            ),
            (
                dt.date(2026, 1, 5),
                "The target date must be on or after the start date (6 January 2026)",
            ),
            (None, "Enter the target date"),
        ],
    )
    def test_refuses_a_target_not_shorter_or_before_the_start(
        self, manager, worker, referral, target, message
    ):
        assessment = assessment_at(AssessmentStatus.DRAFT, worker=worker, episode=referral)
        before = AuditEvent.objects.count()

        with pytest.raises(ValidationError) as refused:
            assessment_set_target(actor=manager, assessment=assessment, target_date=target)

        assert refused.value.message_dict == {"target_date": [message]}
        assessment.refresh_from_db()
        assert assessment.target_date == dt.date(2026, 3, 9)
        assert AuditEvent.objects.count() == before

    @pytest.mark.parametrize(
        "role", [Role.SOCIAL_WORKER, Role.SENIOR_PRACTITIONER, Role.SENIOR_LEADER, Role.CP_CHAIR]
    )
    def test_only_a_manager_sets_a_target(self, users, worker, referral, role):
        assessment = assessment_at(AssessmentStatus.DRAFT, worker=worker, episode=referral)

        with pytest.raises(PermissionDenied):
            assessment_set_target(
                actor=users[role], assessment=assessment, target_date=dt.date(2026, 2, 20)
            )

        assessment.refresh_from_db()
        assert assessment.target_date == dt.date(2026, 3, 9)

    def test_a_manager_of_another_service_may_not(self, worker, referral, teams):
        outsider = UserFactory(role=Role.TEAM_MANAGER, team=teams["disabled"])
        assessment = assessment_at(AssessmentStatus.DRAFT, worker=worker, episode=referral)

        with pytest.raises(PermissionDenied):
            assessment_set_target(
                actor=outsider, assessment=assessment, target_date=dt.date(2026, 2, 20)
            )

    def test_refused_once_authorised(self, manager, worker, referral):
        assessment = assessment_at(
            AssessmentStatus.AUTHORISED, worker=worker, manager=manager, episode=referral
        )

        with pytest.raises(TransitionRefused) as refused:
            assessment_set_target(
                actor=manager, assessment=assessment, target_date=dt.date(2026, 2, 20)
            )

        assert refused.value.message_dict == {
            "status": ["The target date cannot change once the assessment is authorised"]
        }
