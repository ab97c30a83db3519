"""Submit, authorise and return: the declared workflow, the specific messages, the status
history rows, and the manager-only decisions."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cairn.accounts.roles import Role
from cairn.casework.models import AssessmentStatus, AssessmentStatusChange
from cairn.casework.services.assessments import (
    assessment_authorise,
    assessment_identity_update,
    assessment_return,
    assessment_submit,
    assessment_update,
    assessment_view_add,
)
from cairn.core.models import AuditAction, AuditEvent
from cairn.core.records import record_remove
from cairn.core.workflows import TransitionRefused
from cairn.testing.assessments_factories import assessment_at, complete_sections
from cairn.testing.audit import assert_audited

pytestmark = pytest.mark.django_db


def _history(assessment):
    return [
        (c.from_status, c.to_status, c.by_id, c.comment)
        for c in AssessmentStatusChange.objects.filter(assessment=assessment)
    ]


class TestSubmit:
    def test_submits_a_complete_assessment(self, worker, referral):
        draft = assessment_at(AssessmentStatus.DRAFT, worker=worker, episode=referral)
        draft = complete_sections(actor=worker, assessment=draft, seen_on=dt.date(2026, 1, 9))

        submitted = assessment_submit(actor=worker, assessment=draft)

        assert submitted.status == AssessmentStatus.SUBMITTED
        assert _history(submitted) == [("draft", "submitted", worker.pk, "")]
        assert_audited(
            instance=submitted, action=AuditAction.UPDATE, actor=worker, fields={"status"}
        )

    def test_refuses_listing_everything_missing_and_writes_nothing(self, worker, referral):
        draft = assessment_at(AssessmentStatus.DRAFT, worker=worker, episode=referral)
        assessment_identity_update(
            actor=worker,
            assessment=draft,
            answers={
                "ethnicity": ("Nigerian heritage", ""),
                "language": ("English and Yoruba", ""),
                "disability": ("", "No disability"),
                "sex_gender": ("Identifies as a girl", ""),
                "sexuality": ("", "Amara is 7"),
            },
        )
        before = AuditEvent.objects.count()

        with pytest.raises(ValidationError) as refused:
            assessment_submit(actor=worker, assessment=draft)

        assert refused.value.message_dict == {
            "child_seen_on": ["Enter the date the child was seen"],
            "outcome": ["Select the outcome of the assessment"],
            "analysis": ["Enter the analysis"],
            "identity": [
                "Complete each aspect of the child's identity or say why it is not relevant: "
                "Culture, Religion or belief"
            ],
            "views": ["Record the view of the child"],
            "factors": ["Select the factors identified, or 'No factors identified'"],
        }
        draft.refresh_from_db()
        assert draft.status == AssessmentStatus.DRAFT
        assert _history(draft) == []
        assert AuditEvent.objects.count() == before

    def test_a_view_of_a_professional_is_not_the_childs_view(self, worker, referral):
        draft = assessment_at(AssessmentStatus.DRAFT, worker=worker, episode=referral)
        draft = complete_sections(actor=worker, assessment=draft, seen_on=dt.date(2026, 1, 9))
        record_remove(instance=draft.views.get(), actor=worker, reason="Wrong child")
        assessment_view_add(
            actor=worker,
            assessment=draft,
            holder="professional",
            professional_name="Ms Khan",
            agency="Hillside Primary",
            how_obtained="Meeting",
            content="Attendance has improved.",
        )

        with pytest.raises(ValidationError) as refused:
            assessment_submit(actor=worker, assessment=draft)

        assert refused.value.message_dict == {"views": ["Record the view of the child"]}

    def test_refuses_to_submit_twice(self, worker, manager, referral):
        submitted = assessment_at(AssessmentStatus.SUBMITTED, worker=worker, episode=referral)

        with pytest.raises(TransitionRefused) as refused:
            assessment_submit(actor=worker, assessment=submitted)

        assert refused.value.message_dict == {
            "status": [
                "The assessment is 'Submitted for authorisation' and cannot become "
                "'Submitted for authorisation': it can next be 'Authorised' or "
                "'Returned for more work'"
            ]
        }
        assert len(_history(submitted)) == 1


class TestAuthorise:
    def test_a_manager_authorises_a_submitted_assessment(self, worker, manager, referral):
        submitted = assessment_at(AssessmentStatus.SUBMITTED, worker=worker, episode=referral)

        authorised = assessment_authorise(
            actor=manager, assessment=submitted, authorised_on=dt.date(2026, 2, 2)
        )

        assert authorised.status == AssessmentStatus.AUTHORISED
        assert authorised.authorised_on == dt.date(2026, 2, 2)
        assert authorised.authorised_by == manager
        assert _history(authorised)[-1] == ("submitted", "authorised", manager.pk, "")
        event = assert_audited(
            instance=authorised,
            action=AuditAction.UPDATE,
            actor=manager,
            fields={"status", "authorised_on", "authorised_by_id"},
        )
        assert event.person_id == referral.child_id

    def test_a_service_manager_may_authorise(self, users, worker, referral):
        submitted = assessment_at(AssessmentStatus.SUBMITTED, worker=worker, episode=referral)

        authorised = assessment_authorise(
            actor=users[Role.SERVICE_MANAGER],
            assessment=submitted,
            authorised_on=dt.date(2026, 3, 16),
        )

        assert authorised.authorised_by == users[Role.SERVICE_MANAGER]

    @pytest.mark.parametrize("status", [AssessmentStatus.DRAFT, AssessmentStatus.RETURNED])
    def test_refuses_to_authorise_before_submission(self, worker, manager, referral, status):
        assessment = assessment_at(status, worker=worker, manager=manager, episode=referral)
        before = AuditEvent.objects.count()

        with pytest.raises(TransitionRefused) as refused:
            assessment_authorise(
                actor=manager, assessment=assessment, authorised_on=dt.date(2026, 2, 2)
            )

        assert refused.value.message_dict == {
            "status": [
                f"The assessment is '{AssessmentStatus(status).label}' and cannot become "
                "'Authorised': it can next be 'Submitted for authorisation'"
            ]
        }
        assessment.refresh_from_db()
        assert assessment.status == status
        assert assessment.authorised_on is None
        assert AuditEvent.objects.count() == before

    def test_refuses_to_authorise_twice(self, worker, manager, referral):
        authorised = assessment_at(
            AssessmentStatus.AUTHORISED, worker=worker, manager=manager, episode=referral
        )

        with pytest.raises(TransitionRefused) as refused:
            assessment_authorise(
                actor=manager, assessment=authorised, authorised_on=dt.date(2026, 3, 1)
            )

        assert refused.value.message_dict == {
            "status": ["The assessment is 'Authorised' and cannot become 'Authorised'"]
        }
        authorised.refresh_from_db()
        assert authorised.authorised_on == dt.date(2026, 2, 2)

    @pytest.mark.parametrize(
        ("authorised_on", "message"),
        [
            (dt.date(2026, 3, 17), "The date of authorisation must be today or in the past"),
            (
                dt.date(2026, 1, 5),
                "The date of authorisation must be on or after the start of the assessment "
                "(6 January 2026)",
            ),
            (None, "Enter the date of authorisation"),
        ],
    )
    def test_refuses_impossible_dates(self, worker, manager, referral, authorised_on, message):
        submitted = assessment_at(AssessmentStatus.SUBMITTED, worker=worker, episode=referral)
        before = AuditEvent.objects.count()

        with pytest.raises(ValidationError) as refused:
            assessment_authorise(actor=manager, assessment=submitted, authorised_on=authorised_on)

        assert refused.value.message_dict == {"authorised_on": [message]}
        submitted.refresh_from_db()
        assert submitted.status == AssessmentStatus.SUBMITTED
        assert AuditEvent.objects.count() == before

    @pytest.mark.parametrize(
        "role",
        [
            Role.SOCIAL_WORKER,
            Role.SENIOR_PRACTITIONER,
            Role.CP_CHAIR,
            Role.QA_OFFICER,
            Role.SENIOR_LEADER,
            Role.IG_OFFICER,
        ],
    )
    def test_only_a_manager_authorises(self, users, worker, referral, role):
        submitted = assessment_at(AssessmentStatus.SUBMITTED, worker=worker, episode=referral)

        with pytest.raises(PermissionDenied):
            assessment_authorise(
                actor=users[role], assessment=submitted, authorised_on=dt.date(2026, 2, 2)
            )

        submitted.refresh_from_db()
        assert submitted.status == AssessmentStatus.SUBMITTED


class TestReturn:
    def test_a_manager_returns_it_with_comments_and_the_worker_resubmits(
        self, worker, manager, referral
    ):
        submitted = assessment_at(AssessmentStatus.SUBMITTED, worker=worker, episode=referral)

        returned = assessment_return(
            actor=manager, assessment=submitted, comments="  Add the father's view.  "
        )
        returned = assessment_update(
            actor=worker,
            assessment=returned,
            expected_version=returned.version,
            analysis="Father seen; his view added.",
        )
        resubmitted = assessment_submit(actor=worker, assessment=returned)

        assert resubmitted.status == AssessmentStatus.SUBMITTED
        assert _history(resubmitted) == [
            ("draft", "submitted", worker.pk, ""),
            ("submitted", "returned", manager.pk, "Add the father's view."),
            ("returned", "submitted", worker.pk, ""),
        ]

    def test_refuses_without_comments(self, worker, manager, referral):
        submitted = assessment_at(AssessmentStatus.SUBMITTED, worker=worker, episode=referral)

        with pytest.raises(ValidationError) as refused:
            assessment_return(actor=manager, assessment=submitted, comments="  ")

        assert refused.value.message_dict == {"comments": ["Enter what more work is needed"]}
        submitted.refresh_from_db()
        assert submitted.status == AssessmentStatus.SUBMITTED
        assert len(_history(submitted)) == 1

    def test_refuses_to_return_a_draft(self, worker, manager, referral):
        draft = assessment_at(AssessmentStatus.DRAFT, worker=worker, episode=referral)

        with pytest.raises(TransitionRefused) as refused:
            assessment_return(actor=manager, assessment=draft, comments="More")

        assert refused.value.message_dict == {
            "status": [
                "The assessment is 'In progress' and cannot become 'Returned for more work': "
                "it can next be 'Submitted for authorisation'"
            ]
        }

    def test_only_a_manager_returns(self, worker, referral):
        submitted = assessment_at(AssessmentStatus.SUBMITTED, worker=worker, episode=referral)

        with pytest.raises(PermissionDenied):
            assessment_return(actor=worker, assessment=submitted, comments="More")
