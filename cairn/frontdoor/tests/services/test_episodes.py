"""Referrals (CIN episodes): creation from a contact or directly, re-referrals, NFA, primary
need and closure, with each refusal's message and nothing written."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cairn.accounts.roles import Role
from cairn.casework.models import AssessmentStatus, PlanKind, PlanStatus
from cairn.core.models import AuditAction, AuditEvent
from cairn.frontdoor.models import Episode, Level, LevelTransition, NextStep, ThresholdLevel
from cairn.frontdoor.selectors import child_current_level
from cairn.frontdoor.services import (
    episode_close,
    episode_set_primary_need,
    referral_create,
    referral_create_direct,
    referral_record_nfa,
)
from cairn.frontdoor.tests.conftest import TODAY
from cairn.testing.audit import assert_audited
from cairn.testing.factories import AllocationFactory, PersonFactory
from cairn.testing.frontdoor_factories import (
    AssessmentFactory,
    ContactChildFactory,
    ContactFactory,
    EpisodeFactory,
    LevelTransitionFactory,
    PlanFactory,
    at,
)
from cairn.workforce.models import Allocation

pytestmark = pytest.mark.django_db

RECEIVED = dt.date(2026, 3, 12)


def _counts():
    return {
        "episodes": Episode.all_objects.count(),
        "transitions": LevelTransition.all_objects.count(),
        "allocations": Allocation.all_objects.count(),
        "open_allocations": Allocation.objects.filter(ended_on__isnull=True).count(),
        "audit": AuditEvent.objects.count(),
    }


def _decided(child, *, next_step=NextStep.REFERRAL, received=RECEIVED, source="3B"):
    contact = ContactFactory(received_at=at(received), source=source)
    return ContactChildFactory(
        contact=contact,
        child=child,
        threshold_level=ThresholdLevel.objects.get(number=3),
        rationale="Neglect: home conditions poor, missed health appointments.",
        next_step=next_step,
        decided_by=contact.created_by,
        decided_at=at(received, 15),
    )


@pytest.fixture
def child(teams, users):
    child = PersonFactory(given_name="Amara", family_name="Okafor")
    AllocationFactory(child=child, team=teams["north"], started_on=dt.date(2025, 1, 6))
    return child


class TestReferralCreate:
    def test_opens_an_episode_moves_the_child_to_cin_and_allocates_it(
        self, child, mash_worker, teams, users
    ):
        row = _decided(child)

        episode = referral_create(
            actor=mash_worker,
            contact_child=row,
            referral_date=dt.date(2026, 3, 13),
            worker=users[Role.SOCIAL_WORKER],
        )

        episode.refresh_from_db()
        assert episode.child == child
        assert episode.contact_child == row
        assert episode.source == "3B"  # copied from the contact
        assert episode.referral_date == dt.date(2026, 3, 13)
        assert episode.is_re_referral is False
        assert episode.is_open
        transition = LevelTransition.objects.get(child=child)
        assert (transition.from_level, transition.to_level) == (Level.NONE, Level.CIN)
        assert transition.occurred_on == dt.date(2026, 3, 13)
        assert transition.decided_by == mash_worker
        allocations = list(Allocation.objects.filter(child=child).order_by("started_on"))
        assert allocations[0].ended_on == dt.date(2026, 3, 13)
        assert allocations[0].reason == "Ended: Referral of 13 March 2026"
        assert allocations[1].episode == episode
        assert allocations[1].team == teams["north"]  # the child's current team by default
        assert allocations[1].worker == users[Role.SOCIAL_WORKER]
        assert allocations[1].ended_on is None
        event = assert_audited(instance=episode, action=AuditAction.CREATE, actor=mash_worker)
        assert event.person == child
        assert (
            assert_audited(instance=transition, action=AuditAction.CREATE, actor=mash_worker).person
            == child
        )

    def test_a_strategy_discussion_decision_also_starts_a_referral(self, child, mash_worker):
        row = _decided(child, next_step=NextStep.STRATEGY)
        episode = referral_create(actor=mash_worker, contact_child=row, referral_date=RECEIVED)
        assert episode.contact_child == row

    def test_a_referral_before_the_childs_registration_keeps_the_history_valid(
        self, mash_worker, mash
    ):
        newly_registered = PersonFactory()
        AllocationFactory(child=newly_registered, team=mash, started_on=TODAY)
        row = _decided(newly_registered)

        referral_create(actor=mash_worker, contact_child=row, referral_date=RECEIVED, team=mash)

        first, second = Allocation.objects.filter(child=newly_registered).order_by("id")
        assert first.ended_on == TODAY
        assert second.started_on == RECEIVED

    @pytest.mark.parametrize(
        ("previous_referral", "expected"),
        [
            (dt.date(2025, 3, 13), True),  # exactly 12 months before
            (dt.date(2025, 9, 1), True),
            (dt.date(2025, 3, 12), False),  # 12 months and a day
            (dt.date(2024, 6, 1), False),
        ],
    )
    def test_re_referral_is_a_referral_within_12_months_of_a_previous_one(
        self, child, mash_worker, previous_referral, expected
    ):
        EpisodeFactory(
            child=child,
            referral_date=previous_referral,
            closed_on=previous_referral + dt.timedelta(days=20),
            closure_reason="RC8",
        )
        row = _decided(child)

        episode = referral_create(
            actor=mash_worker, contact_child=row, referral_date=dt.date(2026, 3, 13)
        )

        assert episode.is_re_referral is expected

    def test_a_child_already_at_cin_gets_no_second_transition(self, child, mash_worker):
        LevelTransitionFactory(child=child, occurred_on=dt.date(2026, 3, 11), to_level=Level.CIN)
        row = _decided(child)

        referral_create(actor=mash_worker, contact_child=row, referral_date=RECEIVED)

        assert LevelTransition.objects.filter(child=child).count() == 1

    def _refused(self, actor, row, **kwargs):
        before = _counts()
        with pytest.raises(ValidationError) as refused:
            referral_create(actor=actor, contact_child=row, **kwargs)
        assert _counts() == before
        return refused.value.message_dict

    def test_refused_before_a_threshold_decision(self, child, mash_worker):
        row = ContactChildFactory(child=child)
        errors = self._refused(mash_worker, row, referral_date=TODAY)
        assert errors["contact_child"] == [
            "Record the threshold decision for this child before making a referral"
        ]

    def test_refused_when_the_decision_was_not_a_referral(self, child, mash_worker):
        row = _decided(child, next_step=NextStep.ADVICE)
        errors = self._refused(mash_worker, row, referral_date=TODAY)
        assert errors["contact_child"] == [
            "The threshold decision for Amara Okafor was 'advice or signposting': only a "
            "referral or a strategy discussion starts a referral"
        ]

    def test_refused_when_the_contact_was_already_referred(self, child, mash_worker):
        row = _decided(child)
        episode = referral_create(actor=mash_worker, contact_child=row, referral_date=RECEIVED)
        episode_close(actor=mash_worker, episode=episode, closed_on=RECEIVED, reason="RC7")

        errors = self._refused(mash_worker, row, referral_date=TODAY)

        assert errors["contact_child"] == [
            "A referral has already been made from this contact for Amara Okafor"
        ]

    def test_refused_while_the_child_has_an_open_episode(self, child, mash_worker):
        EpisodeFactory(child=child, referral_date=dt.date(2026, 2, 2))
        errors = self._refused(mash_worker, _decided(child), referral_date=TODAY)
        assert errors["child"] == [
            "Amara Okafor already has an open referral (from 2 February 2026): record the "
            "contact on it instead"
        ]

    @pytest.mark.parametrize(
        ("referral_date", "message"),
        [
            (None, "Enter the referral date"),
            (TODAY + dt.timedelta(days=1), "The referral date must be today or in the past"),
            (
                dt.date(2026, 3, 11),
                "The referral date cannot be before the contact was received (12 March 2026)",
            ),
        ],
    )
    def test_refuses_impossible_referral_dates(self, child, mash_worker, referral_date, message):
        errors = self._refused(mash_worker, _decided(child), referral_date=referral_date)
        assert errors["referral_date"] == [message]

    def test_refused_before_the_previous_episode_closed(self, child, mash_worker):
        EpisodeFactory(
            child=child,
            referral_date=dt.date(2026, 1, 5),
            closed_on=dt.date(2026, 3, 13),
            closure_reason="RC7",
        )
        errors = self._refused(mash_worker, _decided(child), referral_date=RECEIVED)
        assert errors["referral_date"] == [
            "The referral date cannot be before the previous episode closed (13 March 2026)"
        ]

    def test_refused_before_the_childs_last_change_of_level(self, child, mash_worker):
        LevelTransitionFactory(
            child=child, occurred_on=dt.date(2026, 3, 14), to_level=Level.EARLY_HELP
        )
        errors = self._refused(mash_worker, _decided(child), referral_date=RECEIVED)
        assert errors["referral_date"] == [
            "The referral cannot be before the last one recorded (14 March 2026)"
        ]

    def test_refuses_an_unknown_primary_need_and_a_worker_who_cannot_hold_cases(
        self, child, mash_worker, users
    ):
        errors = self._refused(
            mash_worker,
            _decided(child),
            referral_date=TODAY,
            primary_need="N12",
            worker=users[Role.QA_OFFICER],
        )
        assert errors["primary_need"] == ["Select a primary need code (N0 to N9)"]
        assert "cannot hold cases" in errors["worker"][0]


class TestReferralCreateDirect:
    def test_a_step_up_referral_has_source_5d_and_no_contact(self, child, worker):
        episode = referral_create_direct(actor=worker, child=child, referral_date=TODAY)
        assert episode.source == "5D"
        assert episode.contact_child is None
        assert child_current_level(child=child) == Level.CIN
        assert_audited(instance=episode, action=AuditAction.CREATE, actor=worker)

    def test_refuses_an_unknown_source_and_writes_nothing(self, child, worker):
        before = _counts()
        with pytest.raises(ValidationError) as refused:
            referral_create_direct(actor=worker, child=child, referral_date=TODAY, source="9Z")
        assert refused.value.message_dict["source"] == ["Select the source of the referral"]
        assert _counts() == before


@pytest.fixture
def episode(child, worker):
    return referral_create_direct(
        actor=worker, child=child, referral_date=dt.date(2026, 2, 2), source="1A"
    )


class TestEpisodeSetPrimaryNeed:
    def test_records_the_primary_need_with_the_audit(self, episode, worker):
        updated = episode_set_primary_need(actor=worker, episode=episode, primary_need="N1")
        assert updated.primary_need == "N1"
        event = assert_audited(
            instance=updated, action=AuditAction.UPDATE, actor=worker, fields={"primary_need"}
        )
        assert event.changes["primary_need"] == ["", "N1"]

    def test_refuses_an_unknown_code(self, episode, worker):
        with pytest.raises(ValidationError) as refused:
            episode_set_primary_need(actor=worker, episode=episode, primary_need="N10")
        assert refused.value.message_dict["primary_need"] == [
            "Select a primary need code (N0 to N9)"
        ]
        episode.refresh_from_db()
        assert episode.primary_need == ""

    def test_refuses_a_primary_need_on_an_nfa_referral(self, episode, worker):
        nfa = referral_record_nfa(actor=worker, episode=episode, decided_on=dt.date(2026, 2, 3))
        with pytest.raises(ValidationError) as refused:
            episode_set_primary_need(actor=worker, episode=nfa, primary_need="N1")
        assert refused.value.message_dict["episode"] == [
            "A referral closed with no further action has no primary need"
        ]


class TestReferralRecordNfa:
    def test_closes_the_referral_as_nfa_ends_the_allocation_and_the_level(self, episode, worker):
        nfa = referral_record_nfa(actor=worker, episode=episode, decided_on=dt.date(2026, 2, 3))

        nfa.refresh_from_db()
        assert nfa.referral_nfa is True
        assert nfa.closed_on == dt.date(2026, 2, 3)
        assert nfa.closure_reason == "RC8"
        assert not Allocation.objects.filter(child=episode.child, ended_on__isnull=True).exists()
        assert child_current_level(child=episode.child) == Level.CLOSED
        assert_audited(
            instance=nfa,
            action=AuditAction.UPDATE,
            actor=worker,
            fields={"referral_nfa", "closed_on", "closure_reason"},
        )

    def test_refused_once_an_assessment_exists(self, episode, worker):
        AssessmentFactory(episode=episode)
        before = _counts()
        with pytest.raises(ValidationError) as refused:
            referral_record_nfa(actor=worker, episode=episode, decided_on=TODAY)
        assert refused.value.message_dict["assessment"] == [
            "This referral has an assessment, so it cannot be no further action at referral: "
            "close the episode instead"
        ]
        assert _counts() == before

    def test_refused_before_the_referral(self, episode, worker):
        with pytest.raises(ValidationError) as refused:
            referral_record_nfa(actor=worker, episode=episode, decided_on=dt.date(2026, 2, 1))
        assert refused.value.message_dict["decided_on"] == [
            "The NFA date cannot be before the referral (2 February 2026)"
        ]


class TestEpisodeClose:
    def test_closes_with_a_reason_ends_the_allocation_and_records_the_move_to_closed(
        self, episode, worker
    ):
        AssessmentFactory(
            episode=episode,
            status=AssessmentStatus.AUTHORISED,
            outcome="nfa",
            authorised_on=dt.date(2026, 3, 2),
        )

        closed = episode_close(
            actor=worker, episode=episode, closed_on=dt.date(2026, 3, 3), reason="RC8"
        )

        closed.refresh_from_db()
        assert (closed.closed_on, closed.closure_reason) == (dt.date(2026, 3, 3), "RC8")
        allocation = Allocation.objects.get(episode=episode)
        assert allocation.ended_on == dt.date(2026, 3, 3)
        assert "Episode closed (RC8)" in allocation.reason
        transition = LevelTransition.objects.filter(child=episode.child).last()
        assert (transition.from_level, transition.to_level) == (Level.CIN, Level.CLOSED)
        assert_audited(
            instance=closed,
            action=AuditAction.UPDATE,
            actor=worker,
            fields={"closed_on", "closure_reason"},
        )

    def _refused(self, worker, episode, **kwargs):
        details = {"closed_on": TODAY, "reason": "RC7"} | kwargs
        before = _counts()
        with pytest.raises(ValidationError) as refused:
            episode_close(actor=worker, episode=episode, **details)
        assert _counts() == before
        episode.refresh_from_db()
        assert episode.closed_on is None
        return refused.value.message_dict

    @pytest.mark.parametrize("status", [PlanStatus.DRAFT, PlanStatus.ACTIVE])
    def test_refused_while_the_child_has_an_open_plan(self, episode, worker, status):
        PlanFactory(episode=episode, status=status)
        errors = self._refused(worker, episode)
        assert errors["plan"] == [
            f"The child has an open child in need plan ({status.label.lower()}): end it before "
            "closing the episode"
        ]

    @pytest.mark.parametrize(
        "status", [AssessmentStatus.DRAFT, AssessmentStatus.SUBMITTED, AssessmentStatus.RETURNED]
    )
    def test_refused_while_an_assessment_is_not_authorised(self, episode, worker, status):
        AssessmentFactory(episode=episode, status=status, started_on=dt.date(2026, 2, 3))
        errors = self._refused(worker, episode)
        assert errors["assessment"] == [
            "The assessment started 3 February 2026 is not authorised: it must be authorised "
            "before the episode closes"
        ]

    @pytest.mark.parametrize("reason", ["RC8", "RC9"])
    @pytest.mark.parametrize("kind", [PlanKind.CIN, PlanKind.CP])
    def test_rc8_and_rc9_refused_after_a_cin_or_cp_plan(self, episode, worker, reason, kind):
        PlanFactory(episode=episode, kind=kind, status=PlanStatus.ENDED, ended_on=TODAY)
        errors = self._refused(worker, episode, reason=reason)
        assert errors["reason"] == [
            f"{reason} is for a case closed after assessment: this episode had a child in need "
            "or child protection plan, so choose another reason"
        ]

    @pytest.mark.parametrize(
        ("closed_on", "message"),
        [
            (None, "Enter the closure date"),
            (TODAY + dt.timedelta(days=1), "The closure date must be today or in the past"),
            (
                dt.date(2026, 2, 1),
                "The closure date cannot be before the referral (2 February 2026)",
            ),
        ],
    )
    def test_refuses_impossible_closure_dates(self, episode, worker, closed_on, message):
        errors = self._refused(worker, episode, closed_on=closed_on)
        assert errors["closed_on"] == [message]

    def test_refuses_a_missing_reason(self, episode, worker):
        errors = self._refused(worker, episode, reason="")
        assert errors["reason"] == ["Select the reason for closure (RC1 to RC9)"]

    def test_refuses_closing_twice(self, episode, worker):
        episode_close(actor=worker, episode=episode, closed_on=TODAY, reason="RC7")
        before = _counts()
        with pytest.raises(ValidationError) as refused:
            episode_close(actor=worker, episode=episode, closed_on=TODAY, reason="RC7")
        assert refused.value.message_dict["episode"] == [
            "This episode is already closed (on 16 March 2026)"
        ]
        assert _counts() == before
