"""Early help episodes and step-up/step-down: happy paths, each refusal with its message and
nothing written, and the audit trail."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cairn.casework.models import Plan, PlanKind, PlanStatus
from cairn.core.models import AuditAction, AuditEvent
from cairn.earlyhelp.models import EarlyHelpEndReason, EarlyHelpEpisode
from cairn.earlyhelp.services import (
    child_step_down_to_early_help,
    child_step_up_from_early_help,
    early_help_episode_end,
    early_help_episode_start,
)
from cairn.earlyhelp.tests.conftest import TODAY
from cairn.frontdoor.models import Episode, Level, LevelTransition
from cairn.frontdoor.selectors import child_current_level
from cairn.frontdoor.services import referral_create_direct
from cairn.testing.audit import assert_audited
from cairn.testing.factories import AdultFactory
from cairn.testing.frontdoor_factories import (
    ActionFactory,
    AssessmentFactory,
    ContingencyFactory,
    EarlyHelpEpisodeFactory,
    LevelTransitionFactory,
    NetworkMemberFactory,
    OutcomeFactory,
    PlanFactory,
    PlanVersionFactory,
)
from cairn.workforce.models import Allocation

pytestmark = pytest.mark.django_db


def _counts():
    return {
        "early_help": EarlyHelpEpisode.all_objects.count(),
        "transitions": LevelTransition.all_objects.count(),
        "open_episodes": Episode.objects.filter(closed_on__isnull=True).count(),
        "open_plans": Plan.objects.exclude(status=PlanStatus.ENDED).count(),
        "audit": AuditEvent.objects.count(),
    }


def _start(actor, child, **overrides):
    details = {
        "actor": actor,
        "child": child,
        "started_on": dt.date(2026, 3, 2),
        "lead_organisation": "Northfield Family Hub",
        "lead_practitioner": "Dana Price",
        "reason": "Routines and school attendance",
    }
    return early_help_episode_start(**(details | overrides))


class TestEarlyHelpStart:
    def test_starts_early_help_and_records_the_move(self, worker, child_in_north):
        early_help = _start(worker, child_in_north)

        assert early_help.ended_on is None
        assert child_current_level(child=child_in_north) == Level.EARLY_HELP
        move = LevelTransition.objects.get(child=child_in_north)
        assert (move.from_level, move.to_level) == (Level.NONE, Level.EARLY_HELP)
        assert (
            assert_audited(instance=early_help, action=AuditAction.CREATE, actor=worker).person
            == child_in_north
        )

    @pytest.mark.parametrize(
        ("overrides", "field", "message"),
        [
            ({"lead_organisation": ""}, "lead_organisation", "Enter the lead organisation"),
            ({"lead_practitioner": " "}, "lead_practitioner", "Enter the lead practitioner"),
            ({"reason": ""}, "reason", "Enter the reason for early help"),
            ({"started_on": None}, "started_on", "Enter the start date"),
            (
                {"started_on": TODAY + dt.timedelta(days=1)},
                "started_on",
                "The start date must be today or in the past",
            ),
        ],
    )
    def test_refuses_and_writes_nothing(self, worker, child_in_north, overrides, field, message):
        before = _counts()
        with pytest.raises(ValidationError) as refused:
            _start(worker, child_in_north, **overrides)
        assert refused.value.message_dict[field] == [message]
        assert _counts() == before

    def test_refused_while_early_help_is_open(self, worker, child_in_north):
        EarlyHelpEpisodeFactory(child=child_in_north, started_on=dt.date(2026, 1, 5))
        before = _counts()
        with pytest.raises(ValidationError) as refused:
            _start(worker, child_in_north)
        assert refused.value.message_dict["child"] == [
            "Amara Okafor already has an open early help episode (from 5 January 2026)"
        ]
        assert _counts() == before

    def test_refused_while_open_to_social_care(self, worker, child_in_north):
        referral_create_direct(
            actor=worker, child=child_in_north, referral_date=dt.date(2026, 2, 2), source="1A"
        )
        before = _counts()
        with pytest.raises(ValidationError) as refused:
            _start(worker, child_in_north)
        assert refused.value.message_dict["episode"] == [
            "Amara Okafor is open to children's social care (referral of 2 February 2026): "
            "step down from the plan or close the episode"
        ]
        assert _counts() == before


class TestEarlyHelpEnd:
    def test_ends_with_a_reason_and_records_the_move_to_closed(self, worker, child_in_north):
        early_help = _start(worker, child_in_north)

        ended = early_help_episode_end(
            actor=worker,
            early_help=early_help,
            ended_on=TODAY,
            end_reason=EarlyHelpEndReason.OUTCOMES_MET,
        )

        assert (ended.ended_on, ended.end_reason) == (TODAY, EarlyHelpEndReason.OUTCOMES_MET)
        assert child_current_level(child=child_in_north) == Level.CLOSED
        assert_audited(instance=ended, action=AuditAction.UPDATE, actor=worker, fields={"ended_on"})

    @pytest.mark.parametrize(
        ("ended_on", "end_reason", "field", "message"),
        [
            (
                dt.date(2026, 3, 1),
                "outcomes_met",
                "ended_on",
                "The end date cannot be before early help started (2 March 2026)",
            ),
            (
                TODAY + dt.timedelta(days=1),
                "outcomes_met",
                "ended_on",
                "The end date must be today or in the past",
            ),
            (TODAY, "", "end_reason", "Select why early help ended"),
            (
                TODAY,
                "stepped_up",
                "end_reason",
                "Record a step-up to children's social care with 'Step up'",
            ),
        ],
    )
    def test_refuses_and_writes_nothing(
        self, worker, child_in_north, ended_on, end_reason, field, message
    ):
        early_help = _start(worker, child_in_north)
        before = _counts()
        with pytest.raises(ValidationError) as refused:
            early_help_episode_end(
                actor=worker, early_help=early_help, ended_on=ended_on, end_reason=end_reason
            )
        assert refused.value.message_dict[field] == [message]
        assert _counts() == before

    def test_refuses_ending_twice(self, worker, child_in_north):
        early_help = _start(worker, child_in_north)
        early_help_episode_end(
            actor=worker, early_help=early_help, ended_on=TODAY, end_reason="other"
        )
        with pytest.raises(ValidationError) as refused:
            early_help_episode_end(
                actor=worker, early_help=early_help, ended_on=TODAY, end_reason="other"
            )
        assert refused.value.message_dict["early_help"] == [
            "This early help episode already ended on 16 March 2026"
        ]


@pytest.fixture
def cin_plan(worker, child_in_north):
    """An open CIN episode with an authorised assessment and an active CIN plan whose current
    version has an outcome, an action and a contingency naming the grandmother."""
    episode = referral_create_direct(
        actor=worker, child=child_in_north, referral_date=dt.date(2026, 1, 5), source="2A"
    )
    AssessmentFactory(
        episode=episode,
        status="authorised",
        outcome="cin_plan",
        authorised_on=dt.date(2026, 1, 30),
    )
    plan = PlanFactory(episode=episode, started_on=dt.date(2026, 2, 2))
    PlanVersionFactory(plan=plan, number=1, authorised_on=dt.date(2026, 2, 2))
    current = PlanVersionFactory(plan=plan, number=2, authorised_on=dt.date(2026, 3, 2))
    PlanVersionFactory(plan=plan, number=3, authorised_on=None)  # a draft, not yet current
    OutcomeFactory(plan_version=current, text="Amara is at school every day, fed and rested")
    ActionFactory(plan_version=current, what="Breakfast club place", due_on=dt.date(2026, 4, 1))
    grandmother = AdultFactory(given_name="Ruth", family_name="Okafor")
    NetworkMemberFactory(
        contingency=ContingencyFactory(plan_version=current),
        person=grandmother,
        how_considered="Can look after the children at short notice",
    )
    return plan


def _step_down(actor, plan, **overrides):
    details = {
        "actor": actor,
        "plan": plan,
        "occurred_on": TODAY,
        "reason": "Outcomes met at the review; family agree to early help",
        "lead_organisation": "Northfield Family Hub",
        "lead_practitioner": "Dana Price",
    }
    return child_step_down_to_early_help(**(details | overrides))


class TestStepDown:
    def test_ends_the_plan_starts_early_help_with_the_plan_and_closes_the_episode(
        self, worker, cin_plan
    ):
        child = cin_plan.child

        early_help = _step_down(worker, cin_plan)

        cin_plan.refresh_from_db()
        assert (cin_plan.status, cin_plan.ended_on) == (PlanStatus.ENDED, TODAY)
        assert cin_plan.end_reason.startswith("Stepped down to early help")
        assert early_help.stepped_down_from == cin_plan
        assert early_help.started_on == TODAY
        summary = early_help.plan_summary
        assert "version 2" in summary
        assert "Amara is at school every day, fed and rested" in summary
        assert "Breakfast club place (who: Northfield Primary School; by 1 April 2026" in summary
        assert "Ruth Okafor: Can look after the children at short notice" in summary
        moves = list(LevelTransition.objects.filter(child=child))
        assert [(m.from_level, m.to_level) for m in moves] == [
            (Level.NONE, Level.CIN),
            (Level.CIN, Level.EARLY_HELP),
        ]
        episode = Episode.objects.get(child=child)
        # DfE 2990: RC9 must have no CIN plan, so a step-down after a plan closes with RC7.
        assert (episode.closed_on, episode.closure_reason) == (TODAY, "RC7")
        assert not Allocation.objects.filter(child=child, ended_on__isnull=True).exists()
        assert child_current_level(child=child) == Level.EARLY_HELP
        assert_audited(instance=cin_plan, action=AuditAction.UPDATE, actor=worker)
        assert (
            assert_audited(instance=early_help, action=AuditAction.CREATE, actor=worker).person
            == child
        )

    def test_the_episode_stays_open_while_another_plan_is_open(self, worker, cin_plan):
        PlanFactory(episode=cin_plan.episode, kind=PlanKind.CP, status=PlanStatus.ACTIVE)

        _step_down(worker, cin_plan)

        assert Episode.objects.get(pk=cin_plan.episode_id).is_open

    def _refused(self, worker, plan, **overrides):
        before = _counts()
        with pytest.raises(ValidationError) as refused:
            _step_down(worker, plan, **overrides)
        assert _counts() == before
        return refused.value.message_dict

    def test_refused_for_a_draft_plan(self, worker, cin_plan):
        Plan.objects.filter(pk=cin_plan.pk).update(status=PlanStatus.DRAFT)
        cin_plan.refresh_from_db()
        errors = self._refused(worker, cin_plan)
        assert errors["plan"] == [
            "The plan is 'Draft' and cannot become 'Ended': it can next be 'Active'"
        ]

    def test_refused_for_an_ended_plan(self, worker, cin_plan):
        Plan.objects.filter(pk=cin_plan.pk).update(
            status=PlanStatus.ENDED, ended_on=dt.date(2026, 3, 9)
        )
        errors = self._refused(worker, cin_plan)
        assert errors["plan"] == ["This plan already ended on 9 March 2026"]

    def test_refused_for_an_early_help_plan(self, worker, child_in_south):
        plan = PlanFactory(episode__child=child_in_south, kind=PlanKind.EARLY_HELP)
        errors = self._refused(worker, plan)
        assert errors["plan"] == [
            "Only a child in need plan, or a child protection plan ended at a review "
            "conference, steps down to early help"
        ]

    @pytest.mark.parametrize(
        ("overrides", "field", "message"),
        [
            ({"reason": ""}, "reason", "Enter the reason for the step-down"),
            (
                {"lead_organisation": ""},
                "lead_organisation",
                "Enter the lead organisation for early help",
            ),
            (
                {"lead_practitioner": ""},
                "lead_practitioner",
                "Enter the lead practitioner for early help",
            ),
            (
                {"occurred_on": TODAY + dt.timedelta(days=1)},
                "occurred_on",
                "The date of the step-down must be today or in the past",
            ),
            (
                {"occurred_on": dt.date(2026, 2, 1)},
                "occurred_on",
                "The step-down cannot be before the plan started (2 February 2026)",
            ),
        ],
    )
    def test_refuses_incomplete_or_impossible_step_downs(
        self, worker, cin_plan, overrides, field, message
    ):
        errors = self._refused(worker, cin_plan, **overrides)
        assert errors[field] == [message]

    def test_refused_while_an_assessment_is_not_authorised(self, worker, cin_plan):
        AssessmentFactory(episode=cin_plan.episode, status="draft", started_on=dt.date(2026, 3, 9))
        errors = self._refused(worker, cin_plan)
        assert errors["assessment"] == [
            "The assessment started 9 March 2026 is not authorised: it must be authorised "
            "before the episode closes"
        ]

    def test_refused_while_early_help_is_already_open(self, worker, cin_plan):
        EarlyHelpEpisodeFactory(child=cin_plan.child, started_on=dt.date(2026, 3, 1))
        errors = self._refused(worker, cin_plan)
        assert errors["child"] == [
            "Amara Okafor already has an open early help episode (from 1 March 2026)"
        ]


class TestStepUp:
    def test_ends_early_help_as_stepped_up_and_records_the_move_to_cin(
        self, worker, child_in_north
    ):
        early_help = _start(worker, child_in_north)

        move = child_step_up_from_early_help(
            actor=worker, child=child_in_north, occurred_on=TODAY, reason="Disclosure at school"
        )

        early_help.refresh_from_db()
        assert (early_help.ended_on, early_help.end_reason) == (TODAY, "stepped_up")
        assert (move.from_level, move.to_level) == (Level.EARLY_HELP, Level.CIN)
        assert_audited(instance=move, action=AuditAction.CREATE, actor=worker)
        # The referral follows directly (source 5D) without a second transition.
        episode = referral_create_direct(actor=worker, child=child_in_north, referral_date=TODAY)
        assert episode.source == "5D"
        assert LevelTransition.objects.filter(child=child_in_north).count() == 2

    def test_refused_without_open_early_help(self, worker, child_in_north):
        before = _counts()
        with pytest.raises(ValidationError) as refused:
            child_step_up_from_early_help(
                actor=worker, child=child_in_north, occurred_on=TODAY, reason="x"
            )
        assert refused.value.message_dict["child"] == [
            "Amara Okafor has no open early help episode to step up from"
        ]
        assert _counts() == before

    @pytest.mark.parametrize(
        ("occurred_on", "reason", "field", "message"),
        [
            (TODAY, "", "reason", "Enter the reason for the step-up"),
            (
                dt.date(2026, 3, 1),
                "x",
                "occurred_on",
                "The date of the step-up cannot be before early help started (2 March 2026)",
            ),
            (
                TODAY + dt.timedelta(days=1),
                "x",
                "occurred_on",
                "The date of the step-up must be today or in the past",
            ),
        ],
    )
    def test_refuses_and_writes_nothing(
        self, worker, child_in_north, occurred_on, reason, field, message
    ):
        _start(worker, child_in_north)
        before = _counts()
        with pytest.raises(ValidationError) as refused:
            child_step_up_from_early_help(
                actor=worker, child=child_in_north, occurred_on=occurred_on, reason=reason
            )
        assert refused.value.message_dict[field] == [message]
        assert _counts() == before

    def test_refused_before_the_last_change_of_level(self, worker, child_in_north):
        EarlyHelpEpisodeFactory(child=child_in_north, started_on=dt.date(2026, 3, 2))
        LevelTransitionFactory(
            child=child_in_north, occurred_on=dt.date(2026, 3, 10), to_level=Level.EARLY_HELP
        )
        with pytest.raises(ValidationError) as refused:
            child_step_up_from_early_help(
                actor=worker, child=child_in_north, occurred_on=dt.date(2026, 3, 9), reason="x"
            )
        assert refused.value.message_dict["occurred_on"] == [
            "The change of level cannot be before the last one recorded (10 March 2026)"
        ]
