"""casework.services.meetings: recording a CIN review."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cairn.casework.models import (
    Attendance,
    AttendeeRole,
    MakingDifference,
    Meeting,
    MeetingChild,
    MeetingDecision,
    OutcomeRating,
    ParticipationMode,
    PlanVersion,
)
from cairn.casework.selectors.plans import plan_get, plan_needs_management_attention
from cairn.casework.services.meetings import (
    Attendee,
    ChildParticipation,
    Rating,
    cin_review_record,
)
from cairn.casework.services.plans import plan_version_authorise
from cairn.core.models import AuditEvent
from cairn.testing.audit import assert_audited
from cairn.testing.factories import PersonFactory

from .conftest import TODAY

pytestmark = pytest.mark.django_db

HELD_AT = dt.datetime(2026, 3, 9, 10, 30, tzinfo=dt.UTC)


def _outcomes(plan):
    return list(plan.versions.get(number=1).outcomes.order_by("position"))


def review_kwargs(plan, chair_user, **overrides):
    scale, indicator = _outcomes(plan)
    kwargs = {
        "plan": plan,
        "held_at": HELD_AT,
        "chair": chair_user,
        "participation": [
            ChildParticipation(
                child=plan.child, mode=ParticipationMode.IN_WRITING, note="A drawing"
            )
        ],
        "making_difference": MakingDifference.PARTLY,
        "what_changes": "More help with mornings",
        "decision": MeetingDecision.CONTINUE,
        "ratings": {scale: 5, indicator: True},
        "attendance": [
            Attendee(role=AttendeeRole.PROFESSIONAL, name="Ms Shah", agency="School", attended=True)
        ],
    }
    return kwargs | overrides


def _assert_nothing_written(plan):
    assert not Meeting.objects.exists()
    assert not MeetingChild.objects.exists()
    assert not OutcomeRating.objects.exists()
    assert not Attendance.objects.exists()
    assert PlanVersion.objects.filter(plan=plan).count() == 1
    assert not AuditEvent.objects.filter(content_type__model="meeting").exists()


class TestRecordReview:
    def test_records_the_review_and_makes_the_next_version(
        self, worker, manager, active_plan, mother
    ):
        meeting = cin_review_record(
            actor=worker,
            **review_kwargs(
                active_plan,
                manager,
                attendance=[
                    Attendee(
                        role=AttendeeRole.PROFESSIONAL,
                        name="Ms Shah",
                        agency="Greenfields Primary",
                        sent_report=True,
                    ),
                    Attendee(role=AttendeeRole.PARENT_CARER, person=mother, attended=True),
                ],
            ),
        )

        assert (meeting.kind, meeting.chair, meeting.plan) == ("cin_review", manager, active_plan)
        assert meeting.making_difference == MakingDifference.PARTLY
        assert meeting.finalised_by == worker
        taking_part = meeting.children.get()
        assert (taking_part.child, taking_part.participation) == (active_plan.child, "in_writing")
        assert [(a.agency, a.sent_report, a.attended) for a in meeting.attendance.all()] == [
            ("Greenfields Primary", True, False),
            ("", False, True),
        ]
        scale, indicator = _outcomes(active_plan)
        assert scale.ratings.get().score == 5
        assert indicator.ratings.get().indicator_met is True
        assert scale.ratings.get().rated_on == dt.date(2026, 3, 9)
        new_version = active_plan.versions.get(number=2)
        assert (new_version.meeting, new_version.authorised_on) == (meeting, None)
        event = assert_audited(instance=meeting, action="create", actor=worker)
        assert event.person_id == active_plan.child_id

    def test_ratings_may_be_given_as_rating_objects_keyed_by_id(self, worker, manager, active_plan):
        scale, indicator = _outcomes(active_plan)
        cin_review_record(
            actor=worker,
            **review_kwargs(
                active_plan,
                manager,
                ratings={
                    scale.pk: Rating(score=0, comment="A hard month"),
                    str(indicator.pk): Rating(indicator_met=False),
                },
            ),
        )
        assert scale.ratings.get().comment == "A hard month"
        assert indicator.ratings.get().indicator_met is False

    def test_refused_without_the_childs_participation(self, worker, manager, active_plan):
        with pytest.raises(ValidationError) as error:
            cin_review_record(actor=worker, **review_kwargs(active_plan, manager, participation=[]))

        assert error.value.message_dict["participation"] == [
            "Record how Amara Okafor took part in the review, or why not"
        ]
        _assert_nothing_written(active_plan)

    def test_not_given_the_opportunity_needs_a_reason(self, worker, manager, active_plan):
        no_reason = [
            ChildParticipation(
                child=active_plan.child, mode=ParticipationMode.NOT_GIVEN_OPPORTUNITY
            )
        ]
        with pytest.raises(ValidationError) as error:
            cin_review_record(
                actor=worker, **review_kwargs(active_plan, manager, participation=no_reason)
            )
        assert error.value.message_dict["participation"] == [
            "Give the reason Amara Okafor was not given the opportunity to take part"
        ]
        _assert_nothing_written(active_plan)

    def test_each_child_listed_needs_participation(self, worker, manager, active_plan):
        sibling = PersonFactory(given_name="Kemi", family_name="Okafor")
        participation = [
            ChildParticipation(child=active_plan.child, mode=ParticipationMode.TOO_YOUNG),
            ChildParticipation(child=sibling, mode=""),
        ]
        with pytest.raises(ValidationError) as error:
            cin_review_record(
                actor=worker, **review_kwargs(active_plan, manager, participation=participation)
            )
        assert error.value.message_dict["participation"] == [
            "Record how Kemi Okafor took part in the review, or why not"
        ]

    def test_refused_without_a_rating_for_every_outcome(self, worker, manager, active_plan):
        scale, _ = _outcomes(active_plan)
        with pytest.raises(ValidationError) as error:
            cin_review_record(
                actor=worker, **review_kwargs(active_plan, manager, ratings={scale: 11})
            )
        assert error.value.message_dict["ratings"] == [
            "The score for outcome 1 must be a whole number from 0 to 10",
            "Say whether the indicator for outcome 2 is met",
        ]
        _assert_nothing_written(active_plan)

    @pytest.mark.parametrize(
        ("overrides", "field", "message"),
        [
            (
                {"making_difference": ""},
                "making_difference",
                "Say whether the plan is making a difference",
            ),
            (
                {"making_difference": MakingDifference.NO, "what_changes": ""},
                "what_changes",
                "Say what will change, as the plan is not fully making a difference",
            ),
            ({"decision": ""}, "decision", "Choose the decision of the review"),
            ({"chair": None}, "chair", "Choose who chaired the review"),
            ({"held_at": None}, "held_at", "Enter the date and time of the review"),
            (
                {"held_at": dt.datetime(2026, 3, 17, 9, tzinfo=dt.UTC)},
                "held_at",
                "The review date must be today or in the past",
            ),
            (
                {"held_at": dt.datetime(2026, 2, 3, 9, tzinfo=dt.UTC)},
                "held_at",
                "The review cannot be before the plan started on 4 February 2026",
            ),
            (
                {"attendance": [Attendee(role=AttendeeRole.PROFESSIONAL, name="Dr Lee")]},
                "attendance",
                "Give the name and agency of each professional",
            ),
        ],
    )
    def test_refuses_incomplete_reviews(
        self, worker, manager, active_plan, overrides, field, message
    ):
        with pytest.raises(ValidationError) as error:
            cin_review_record(actor=worker, **review_kwargs(active_plan, manager, **overrides))
        assert error.value.message_dict[field] == [message]
        _assert_nothing_written(active_plan)

    def test_a_draft_plan_cannot_be_reviewed(self, worker, manager, ready_plan):
        kwargs = review_kwargs(ready_plan, manager)
        with pytest.raises(ValidationError) as error:
            cin_review_record(actor=worker, **kwargs)
        assert error.value.message_dict["plan"] == [
            "The plan has not started: a manager must authorise it before a review"
        ]
        assert not Meeting.objects.exists()

    def test_a_review_must_follow_the_last_one(self, worker, manager, active_plan):
        cin_review_record(actor=worker, **review_kwargs(active_plan, manager))
        with pytest.raises(ValidationError) as error:
            cin_review_record(
                actor=worker,
                **review_kwargs(active_plan, manager, held_at=HELD_AT - dt.timedelta(days=1)),
            )
        assert error.value.message_dict["held_at"] == [
            "The review must be after the last review, held on 9 March 2026"
        ]
        assert Meeting.objects.count() == 1


class TestManagementAttention:
    def _review(self, worker, manager, plan, held_at, answer):
        plan = plan_get(pk=plan.pk)
        current = [v for v in plan.versions.all() if v.authorised_on][-1]
        outcomes = list(current.outcomes.all())
        meeting = cin_review_record(
            actor=worker,
            **review_kwargs(
                plan,
                manager,
                held_at=held_at,
                making_difference=answer,
                ratings={outcomes[0]: 2, outcomes[1]: False},
            ),
        )
        # The review's new version is authorised so the next review rates it.
        plan_version_authorise(
            actor=manager, version=plan.versions.order_by("-number").first(), authorised_on=TODAY
        )
        return meeting

    def test_two_reviews_in_a_row_answering_no_flag_the_plan(self, worker, manager, active_plan):
        monday = dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC)
        self._review(worker, manager, active_plan, monday, MakingDifference.NO)
        assert not plan_needs_management_attention(plan_get(pk=active_plan.pk))

        self._review(
            worker, manager, active_plan, monday + dt.timedelta(days=7), MakingDifference.NO
        )
        assert plan_needs_management_attention(plan_get(pk=active_plan.pk))

        self._review(
            worker, manager, active_plan, monday + dt.timedelta(days=14), MakingDifference.PARTLY
        )
        assert not plan_needs_management_attention(plan_get(pk=active_plan.pk))

    def test_ratings_follow_the_outcome_across_versions(self, worker, manager, active_plan):
        from cairn.casework.selectors.plans import outcome_lineage, plan_current_version

        monday = dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC)
        self._review(worker, manager, active_plan, monday, MakingDifference.YES)
        self._review(
            worker, manager, active_plan, monday + dt.timedelta(days=7), MakingDifference.YES
        )

        plan = plan_get(pk=active_plan.pk)
        current = plan_current_version(plan)
        assert current.number == 3
        first_outcome = current.outcomes.all()[0]
        chain = outcome_lineage(plan)[first_outcome.pk]
        assert [o.plan_version.number for o in chain] == [1, 2, 3]
        assert [r.score for o in chain for r in o.ratings.all()] == [2, 2]
