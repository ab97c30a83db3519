"""CP plans (started only by a conference; previous plans) and core groups."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cairn.casework.models import AgencyKind, MeetingKind, PlanKind
from cairn.casework.services.meetings import Rating
from cairn.casework.services.plans import (
    contingency_network_add,
    contingency_update,
    outcome_add,
    plan_create,
    plan_version_authorise,
)
from cairn.core.models import AuditAction
from cairn.protection.models import ConferenceOutcome
from cairn.protection.services._common import ActionSpec
from cairn.protection.services.conferences import conference_finalise
from cairn.protection.services.core_groups import core_group_record
from cairn.protection.services.plans import core_group_member_add, cp_plan_start
from cairn.protection.tests.fixtures import at, professional, record_icpc, record_review
from cairn.testing.audit import assert_audited
from cairn.testing.factories import AdultFactory, RelationshipFactory

pytestmark = pytest.mark.django_db

NO_CONFERENCE = (
    "A child protection plan starts only at an initial child protection conference that "
    "decided on one"
)


class TestPlanWithoutAConference:
    def test_the_plan_service_refuses_a_cp_plan_without_a_conference(self, worker, child, episode):
        with pytest.raises(ValidationError) as refused:
            plan_create(actor=worker, child=child, episode=episode, kind=PlanKind.CP)
        assert refused.value.message_dict["kind"] == [NO_CONFERENCE]
        assert not child.plans.exists()

    def test_a_conference_that_decided_no_plan_starts_none(self, chair, s47):
        conference = record_icpc(chair, s47, outcome=ConferenceOutcome.NO_PLAN)
        with pytest.raises(ValidationError) as refused:
            cp_plan_start(actor=chair, conference=conference)
        assert refused.value.message_dict["plan"] == [NO_CONFERENCE]


def _authorise_with_outcome(worker, manager, plan):
    """Give version 1 an outcome and a complete contingency, and authorise it."""
    version = plan.versions.get()
    outcome = outcome_add(
        actor=worker,
        version=version,
        text="Amara feels safe at home",
        measure_source="child",
        baseline=3,
    )
    contingency_update(
        actor=worker,
        version=version,
        triggers="Another incident",
        response="Strategy discussion the same day",
        who_acts="Social worker",
        fgc_status="held",
        fgc_on=dt.date(2026, 1, 27),
    )
    aunt = AdultFactory()
    RelationshipFactory(person=plan.child, relative=aunt, type="other", same_household=False)
    contingency_network_add(actor=worker, version=version, person=aunt, how_considered="Carer")
    plan_version_authorise(actor=manager, version=version, authorised_on=dt.date(2026, 1, 28))
    return outcome


class TestCoreGroups:
    def test_records_attendance_progress_on_each_outcome_and_actions(
        self, worker, manager, cp_plan
    ):
        outcome = _authorise_with_outcome(worker, manager, cp_plan)
        meeting = core_group_record(
            actor=worker,
            plan=cp_plan,
            held_at=at(dt.date(2026, 1, 29)),
            attendance=[professional(AgencyKind.CHILDRENS_SOCIAL_CARE)],
            ratings={outcome.pk: Rating(score=5)},
            progress="Home conditions improving",
            actions=[ActionSpec(what="Weekly visits", owner_user=worker)],
        )
        assert (meeting.kind, meeting.plan) == (MeetingKind.CORE_GROUP, cp_plan)
        assert meeting.ratings.get().score == 5
        assert meeting.actions.get().owner_user == worker
        assert_audited(instance=meeting, action=AuditAction.CREATE, actor=worker)

    def test_every_outcome_in_force_is_rated(self, worker, manager, cp_plan):
        _authorise_with_outcome(worker, manager, cp_plan)
        with pytest.raises(ValidationError) as refused:
            core_group_record(
                actor=worker,
                plan=cp_plan,
                held_at=at(dt.date(2026, 1, 29)),
                attendance=[professional(AgencyKind.CHILDRENS_SOCIAL_CARE)],
            )
        assert refused.value.message_dict["ratings"] == ["Give a score from 0 to 10 for outcome 1"]

    @pytest.mark.parametrize(
        ("held_on", "attended", "field", "message"),
        [
            (
                dt.date(2026, 1, 21),
                True,
                "held_at",
                "The core group cannot meet before the child protection plan started on "
                "22 January 2026",
            ),
            (
                dt.date(2026, 3, 17),
                True,
                "held_at",
                "The date of the core group meeting must be today or in the past",
            ),
            (dt.date(2026, 1, 29), False, "attendance", "Record who attended the core group"),
        ],
    )
    def test_refused(self, worker, cp_plan, held_on, attended, field, message):
        with pytest.raises(ValidationError) as refused:
            core_group_record(
                actor=worker,
                plan=cp_plan,
                held_at=at(held_on),
                attendance=[professional("csc", attended=attended)],
            )
        assert refused.value.message_dict[field] == [message]
        assert not cp_plan.meetings.filter(kind=MeetingKind.CORE_GROUP).exists()

    def test_refused_once_the_plan_has_ended(self, worker, chair, cp_plan):
        review = record_review(chair, cp_plan, day=dt.date(2026, 3, 9), outcome="end_to_cin")
        conference_finalise(actor=chair, conference=review)
        cp_plan.refresh_from_db()
        with pytest.raises(ValidationError) as refused:
            core_group_record(
                actor=worker,
                plan=cp_plan,
                held_at=at(dt.date(2026, 3, 10)),
                attendance=[professional("csc")],
            )
        assert refused.value.message_dict["plan"] == [
            "A core group meets for an active child protection plan"
        ]

    def test_a_member_is_added(self, worker, cp_plan):
        member = core_group_member_add(
            actor=worker,
            plan=cp_plan,
            name="Kate Lowe",
            agency="Health visiting",
            joined_on=dt.date(2026, 1, 22),
        )
        assert_audited(instance=member, action=AuditAction.CREATE, actor=worker)
        with pytest.raises(ValidationError) as refused:
            core_group_member_add(
                actor=worker, plan=cp_plan, name="", agency="", joined_on=dt.date(2026, 1, 1)
            )
        assert refused.value.message_dict == {
            "name": ["Enter the member's name"],
            "agency": ["Enter the member's agency, or 'Family' for a family member"],
            "joined_on": ["A member cannot join before the plan started on 22 January 2026"],
        }


class TestReviewWithOutcomes:
    def test_continue_makes_the_next_version_and_rates_outcomes(
        self, worker, manager, chair, cp_plan
    ):
        outcome = _authorise_with_outcome(worker, manager, cp_plan)
        review = record_review(
            chair,
            cp_plan,
            day=dt.date(2026, 3, 2),
            outcome="continue",
            ratings={outcome.pk: Rating(score=6)},
        )
        conference_finalise(actor=chair, conference=review)
        assert review.meeting.ratings.get().score == 6
        assert list(cp_plan.versions.values_list("number", "meeting")) == [
            (1, cp_plan.versions.get(number=1).meeting_id),
            (2, review.meeting_id),
        ]

    def test_step_down_carries_the_outcomes_into_the_cin_plan(
        self, worker, manager, chair, cp_plan
    ):
        outcome = _authorise_with_outcome(worker, manager, cp_plan)
        review = record_review(
            chair,
            cp_plan,
            day=dt.date(2026, 3, 2),
            outcome="end_to_cin",
            ratings={outcome.pk: Rating(score=8)},
        )
        conference_finalise(actor=chair, conference=review)
        cin = cp_plan.carried_to.get()
        carried = cin.versions.get().outcomes.get()
        assert (carried.text, carried.previous) == ("Amara feels safe at home", outcome)
        assert cin.versions.get().contingency.network.count() == 1
