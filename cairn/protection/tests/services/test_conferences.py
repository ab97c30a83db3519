"""Conferences: recording an ICPC after a S47 enquiry and a review of the plan, the sequences
that are refused, the chair's finalisation and addenda."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cairn.accounts.roles import Role
from cairn.casework.models import (
    MeetingAddendum,
    MeetingKind,
    ParticipationMode,
    PlanKind,
    PlanStatus,
)
from cairn.casework.services.meetings import ChildParticipation
from cairn.core.models import AuditAction
from cairn.frontdoor.models import Level
from cairn.frontdoor.selectors import child_current_level
from cairn.people.presenters import format_date
from cairn.protection.models import ConferenceOutcome, CPCategory
from cairn.protection.services.conferences import (
    StepDown,
    conference_decision_update,
    conference_finalise,
    conference_record,
    meeting_addendum_add,
)
from cairn.protection.tests.fixtures import ICPC_ON, QUORATE, at, record_icpc, record_review
from cairn.testing.audit import assert_audited
from cairn.testing.factories import UserFactory
from cairn.testing.protection_factories import CPPlanFactory

pytestmark = pytest.mark.django_db


class TestRecordingAnIcpc:
    def test_recorded_open_to_change_until_finalised(self, chair, s47):
        conference = record_icpc(chair, s47)
        assert conference.meeting.kind == MeetingKind.ICPC
        assert conference.meeting.finalised_at is None
        assert conference.s47 == s47
        assert_audited(instance=conference, action=AuditAction.CREATE, actor=chair)

    def test_refused_before_the_s47_started(self, chair, s47):
        with pytest.raises(ValidationError) as refused:
            record_icpc(chair, s47, day=dt.date(2026, 1, 2))
        assert refused.value.message_dict["held_at"] == [
            "The conference cannot be before the S47 enquiry started on 5 January 2026"
        ]

    def test_refused_without_a_s47_unless_a_transfer_in(self, chair, s47):
        with pytest.raises(ValidationError) as refused:
            _icpc_without_s47(chair, s47.child)
        assert refused.value.message_dict["s47"] == [
            "An initial conference follows a S47 enquiry: record the enquiry first "
            "(or mark the conference as a transfer-in)"
        ]
        transfer = _icpc_without_s47(chair, s47.child, transfer_in=True)
        assert transfer.transfer_in

    def test_refused_when_the_s47_found_no_icpc_needed(self, chair, s47):
        s47.icpc_needed, s47.icpc_not_needed_reason = False, "No significant harm"
        s47.save()
        with pytest.raises(ValidationError) as refused:
            record_icpc(chair, s47)
        assert refused.value.message_dict["s47"] == [
            "The S47 enquiry found an initial child protection conference not required"
        ]

    def test_a_cp_plan_decision_needs_a_category(self, chair, s47):
        with pytest.raises(ValidationError) as refused:
            record_icpc(chair, s47, category="")
        assert refused.value.message_dict["category"] == [
            "Choose the category of abuse for the child protection plan"
        ]

    def test_the_chair_must_be_a_cp_chair(self, chair, worker, s47):
        with pytest.raises(ValidationError) as refused:
            conference_record(
                actor=chair,
                kind=MeetingKind.ICPC,
                child=s47.child,
                held_at=None,
                chair=worker,
                attendance=[],
                participation=[],
                s47=s47,
            )
        errors = refused.value.message_dict
        assert errors["chair"] == [
            "A child protection conference is chaired by a child protection chair"
        ]
        assert errors["held_at"] == ["Enter the date and time of the conference"]
        assert errors["participation"] == [
            "Record how Amara Okafor took part in the conference, or why not"
        ]

    @pytest.mark.parametrize(
        "role", [Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.QA_OFFICER, Role.SENIOR_LEADER]
    )
    def test_only_a_cp_chair_records_a_conference(self, users, chair, s47, role):
        with pytest.raises(PermissionDenied):
            record_icpc(users[role], s47)


def _icpc_without_s47(chair, child, **kwargs):

    return conference_record(
        actor=chair,
        kind=MeetingKind.ICPC,
        child=child,
        held_at=at(ICPC_ON),
        chair=chair,
        attendance=QUORATE,
        participation=[ChildParticipation(child=child, mode=ParticipationMode.TOO_YOUNG)],
        outcome=ConferenceOutcome.CP_PLAN,
        category="PHY",
        **kwargs,
    )


class TestFinalising:
    def test_the_chair_finalises_and_the_cp_plan_starts_on_the_conference_date(self, chair, icpc):
        conference_finalise(actor=chair, conference=icpc)
        meeting = icpc.meeting
        meeting.refresh_from_db()
        assert meeting.finalised_by == chair
        plan = meeting.plan
        assert (plan.kind, plan.status, plan.started_on) == (
            PlanKind.CP,
            PlanStatus.ACTIVE,
            ICPC_ON,
        )
        version = plan.versions.get()
        assert (version.made_on, version.meeting, version.authorised_on) == (ICPC_ON, meeting, None)
        assert list(plan.categories.values_list("category", "from_on")) == [("NEG", ICPC_ON)]
        assert child_current_level(child=plan.child) == Level.CP
        assert_audited(instance=meeting, action=AuditAction.UPDATE, actor=chair, fields={"plan_id"})

    def test_no_plan_decision_starts_no_plan(self, chair, s47):
        conference = record_icpc(chair, s47, outcome=ConferenceOutcome.NO_PLAN)
        conference_finalise(actor=chair, conference=conference)
        assert not s47.child.plans.exists()

    def test_only_the_conferences_own_chair_finalises(self, chair, icpc):
        other_chair = UserFactory(role=Role.CP_CHAIR)
        with pytest.raises(PermissionDenied):
            conference_finalise(actor=other_chair, conference=icpc)

    def test_finalising_needs_a_decision(self, chair, s47):
        conference = record_icpc(chair, s47, outcome="", category="")
        with pytest.raises(ValidationError) as refused:
            conference_finalise(actor=chair, conference=conference)
        assert refused.value.message_dict["outcome"] == ["Choose the conference's decision"]
        conference.meeting.refresh_from_db()
        assert conference.meeting.finalised_at is None

    def test_a_finalised_record_is_changed_only_by_addendum(self, chair, manager, cp_plan, icpc):
        icpc.meeting.refresh_from_db()
        finalised_on = format_date(timezone.localdate(icpc.meeting.finalised_at))
        expected = (
            f"This conference record was finalised by {chair.get_full_name()} on {finalised_on}: "
            "it can only be changed by adding an addendum"
        )
        with pytest.raises(ValidationError) as refused:
            conference_decision_update(
                actor=chair,
                conference=icpc,
                expected_version=icpc.version,
                outcome=ConferenceOutcome.NO_PLAN,
            )
        assert refused.value.message_dict["conference"] == [expected]
        with pytest.raises(ValidationError) as again:
            conference_finalise(actor=chair, conference=icpc)
        assert again.value.message_dict["conference"] == [expected]
        icpc.refresh_from_db()
        assert icpc.outcome == ConferenceOutcome.CP_PLAN
        addendum = meeting_addendum_add(
            actor=manager, meeting=icpc.meeting, child=icpc.child, text="Dad's name corrected."
        )
        assert addendum.created_by == manager
        assert_audited(instance=addendum, action=AuditAction.CREATE, actor=manager)

    def test_an_addendum_only_after_finalising(self, chair, icpc):
        with pytest.raises(ValidationError) as refused:
            meeting_addendum_add(actor=chair, meeting=icpc.meeting, child=icpc.child, text="x")
        assert refused.value.message_dict["text"] == [
            "The record is not finalised yet: change it directly"
        ]

    @pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.QA_OFFICER])
    def test_an_addendum_by_the_chair_or_a_manager_only(self, users, cp_plan, icpc, role):
        with pytest.raises(PermissionDenied):
            meeting_addendum_add(
                actor=users[role], meeting=icpc.meeting, child=icpc.child, text="x"
            )
        assert not MeetingAddendum.objects.exists()

    def test_the_decision_changes_before_finalising(self, chair, icpc):
        icpc = conference_decision_update(
            actor=chair,
            conference=icpc,
            expected_version=icpc.version,
            outcome=ConferenceOutcome.CP_PLAN,
            category="EMO",
        )
        assert icpc.category == "EMO"
        assert_audited(instance=icpc, action=AuditAction.UPDATE, actor=chair, fields={"category"})


class TestReviewConferences:
    def test_refused_before_the_plan_started(self, chair, cp_plan):
        with pytest.raises(ValidationError) as refused:
            record_review(
                chair, cp_plan, day=dt.date(2026, 1, 20), outcome=ConferenceOutcome.CONTINUE
            )
        assert refused.value.message_dict["held_at"] == [
            "The review conference cannot be before the child protection plan started on "
            "22 January 2026"
        ]

    def test_refused_without_an_active_cp_plan(self, chair, s47):
        plan = CPPlanFactory(child=s47.child, episode=s47.episode, status=PlanStatus.ENDED)
        with pytest.raises(ValidationError) as refused:
            record_review(chair, plan, day=dt.date(2026, 3, 2), outcome="continue")
        assert refused.value.message_dict["plan"] == [
            "A review conference reviews the child's active child protection plan"
        ]

    def test_an_initial_decision_is_refused_at_a_review(self, chair, cp_plan):
        with pytest.raises(ValidationError) as refused:
            record_review(
                chair,
                cp_plan,
                day=dt.date(2026, 3, 2),
                outcome=ConferenceOutcome.CP_PLAN,
                category="NEG",
            )
        assert refused.value.message_dict["outcome"] == [
            "Choose a decision a review conference can make"
        ]

    def test_continue_with_a_new_latest_category(self, chair, cp_plan):
        review = record_review(
            chair, cp_plan, day=dt.date(2026, 3, 2), outcome="continue", category="EMO"
        )
        conference_finalise(actor=chair, conference=review)
        categories = CPCategory.objects.filter(plan=cp_plan)
        assert list(categories.values_list("category", "from_on")) == [
            ("NEG", ICPC_ON),
            ("EMO", dt.date(2026, 3, 2)),
        ]
        cp_plan.refresh_from_db()
        assert cp_plan.status == PlanStatus.ACTIVE

    def test_refer_for_a_legal_planning_meeting(self, chair, cp_plan):
        review = record_review(
            chair,
            cp_plan,
            day=dt.date(2026, 3, 2),
            outcome="continue",
            refer_legal_planning=True,
        )
        assert review.refer_legal_planning

    def test_step_down_to_a_cin_plan_that_carries_the_plan_over(self, chair, cp_plan):
        review = record_review(chair, cp_plan, day=dt.date(2026, 3, 9), outcome="end_to_cin")
        conference_finalise(actor=chair, conference=review)
        cp_plan.refresh_from_db()
        assert (cp_plan.status, cp_plan.ended_on) == (PlanStatus.ENDED, dt.date(2026, 3, 9))
        assert cp_plan.end_reason == "Review conference: stepped down to a child in need plan"
        cin = cp_plan.carried_to.get()
        assert (cin.kind, cin.status) == (PlanKind.CIN, PlanStatus.DRAFT)
        assert child_current_level(child=cp_plan.child) == Level.CIN

    def test_step_down_to_early_help_needs_the_lead(self, chair, cp_plan):
        review = record_review(chair, cp_plan, day=dt.date(2026, 3, 9), outcome="end_to_early_help")
        with pytest.raises(ValidationError) as refused:
            conference_finalise(actor=chair, conference=review, step_down=StepDown(reason="x"))
        assert refused.value.message_dict["lead_organisation"] == [
            "Enter the lead organisation for early help"
        ]
        conference_finalise(
            actor=chair,
            conference=review,
            step_down=StepDown(
                reason="Risks reduced", lead_organisation="School", lead_practitioner="Ms Shah"
            ),
        )
        cp_plan.refresh_from_db()
        assert cp_plan.status == PlanStatus.ENDED
        assert child_current_level(child=cp_plan.child) == Level.EARLY_HELP
