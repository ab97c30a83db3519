"""A small hand-built council for the CIN census golden-file test (returns, issue 9): every
kind of child the census reports, with fixed identifiers and dates so the export is the same
on every run. `build_census_council()` returns the children by name."""

import datetime as dt

from cairn.accounts.services import system_actor
from cairn.casework.models import AssessmentFactor, AssessmentStatus, MeetingKind, PlanStatus
from cairn.legal.models import PreProceedingsOutcome
from cairn.people.models import Disability, Identifier, IdentifierSystem, PersonKind
from cairn.testing.factories import AdultFactory, PersonFactory
from cairn.testing.frontdoor_factories import AssessmentFactory, EpisodeFactory, PlanFactory
from cairn.testing.legal_factories import (
    CareProceedingsFactory,
    PreProceedingsFactory,
    PreProceedingsMeetingFactory,
)
from cairn.testing.protection_factories import (
    ConferenceDetailFactory,
    ConferenceMeetingFactory,
    CPCategoryFactory,
    CPPlanFactory,
    S47EnquiryFactory,
    StrategyMeetingFactory,
)

D = dt.date


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=dt.UTC)


def _record(model, **fields):
    return model.objects.create(created_by=system_actor(), updated_by=system_actor(), **fields)


def _assessment(episode, started, authorised=None, factors=()):
    a = AssessmentFactory(
        episode=episode,
        started_on=started,
        target_date=started + dt.timedelta(days=63),
        status=AssessmentStatus.AUTHORISED if authorised else AssessmentStatus.DRAFT,
        authorised_on=authorised,
        outcome="cin_plan" if authorised else "",
    )
    for code in factors:
        _record(AssessmentFactor, assessment=a, code=code)
    return a


def build_census_council() -> dict:
    """Children in scope on 31 March 2026 (and one out of it), by name."""
    # A child on a CP plan, with an earlier plan in an earlier episode (NumberOfPreviousCPP 1),
    # a category change at review, and pre-proceedings in 2026/27.
    amy = PersonFactory(la_child_id="GC0001", date_of_birth=D(2015, 5, 1), sex="F")
    _record(Identifier, person=amy, system=IdentifierSystem.UPN, value="B801200005001")
    _record(Disability, person=amy, code="NONE")
    old = EpisodeFactory(
        child=amy,
        referral_date=D(2023, 1, 10),
        source="6",
        primary_need="N1",
        closed_on=D(2024, 1, 10),
        closure_reason="RC7",
    )
    CPPlanFactory(
        episode=old, started_on=D(2023, 2, 1), ended_on=D(2023, 12, 1), status=PlanStatus.ENDED
    )
    episode = EpisodeFactory(
        child=amy, referral_date=D(2025, 4, 10), source="3A", primary_need="N1"
    )
    _assessment(episode, D(2025, 4, 11), D(2025, 5, 30), ["4B", "3B"])
    strategy = StrategyMeetingFactory(held_at=at(D(2025, 6, 2)))
    s47 = S47EnquiryFactory(
        episode=episode, strategy_discussion=strategy, started_on=D(2025, 6, 2), icpc_needed=True
    )
    ConferenceDetailFactory(
        s47=s47, child=amy, meeting=ConferenceMeetingFactory(held_at=at(D(2025, 6, 20)))
    )
    plan = CPPlanFactory(episode=episode, started_on=D(2025, 6, 20))
    CPCategoryFactory(plan=plan, category="NEG", from_on=D(2025, 6, 20))
    CPCategoryFactory(plan=plan, category="EMO", from_on=D(2025, 9, 15))
    ConferenceMeetingFactory(kind=MeetingKind.RCPC, plan=plan, held_at=at(D(2025, 9, 15)))
    ConferenceMeetingFactory(kind=MeetingKind.RCPC, plan=plan, held_at=at(D(2026, 3, 16)))
    pp = PreProceedingsFactory(
        decided_on=D(2026, 5, 1),
        letter_sent_on=D(2026, 5, 8),
        fgdm_offered=True,
        fgdm_held_on=D(2026, 6, 1),
        step_decided_on=D(2026, 9, 1),
        outcome=PreProceedingsOutcome.ISSUE,
        children=[amy],
    )
    PreProceedingsMeetingFactory(pre_proceedings=pp, meeting__held_at=at(D(2026, 5, 20)))
    CareProceedingsFactory(
        pre_proceedings=pp,
        issued_on=D(2026, 9, 10),
        parents_letter_sent_on=D(2026, 9, 12),
        children=[amy],
    )

    # A disabled child on a CIN plan that ended with the episode; no UPN (never attended).
    ben = PersonFactory(
        la_child_id="GC0002",
        date_of_birth=D(2012, 2, 10),
        sex="M",
        ethnicity="BAFR",
        upn_unknown_reason="UN2",
    )
    _record(Disability, person=ben, code="MOB")
    _record(Disability, person=ben, code="HAND")
    episode = EpisodeFactory(
        child=ben,
        referral_date=D(2025, 5, 1),
        source="2A",
        primary_need="N2",
        closed_on=D(2025, 12, 1),
        closure_reason="RC7",
    )
    _assessment(episode, D(2025, 5, 2), D(2025, 6, 10), ["6A"])
    PlanFactory(
        episode=episode, started_on=D(2025, 6, 15), ended_on=D(2025, 12, 1), status=PlanStatus.ENDED
    )
    # An S47 that found no conference was needed.
    s47_strategy = StrategyMeetingFactory(held_at=at(D(2025, 5, 20)))
    S47EnquiryFactory(
        episode=episode,
        strategy_discussion=s47_strategy,
        started_on=D(2025, 5, 20),
        icpc_needed=False,
        icpc_not_needed_reason="Concerns not substantiated",
        ended_on=D(2025, 5, 28),
    )

    # A referral closed with no further action.
    cal = PersonFactory(
        la_child_id="GC0003",
        date_of_birth=D(2021, 11, 3),
        sex="F",
        ethnicity="MWBC",
        upn_unknown_reason="UN1",
    )
    _record(Disability, person=cal, code="NONE")
    EpisodeFactory(
        child=cal,
        referral_date=D(2025, 7, 1),
        source="9",
        referral_nfa=True,
        closed_on=D(2025, 7, 1),
        closure_reason="RC7",
    )

    # An unborn child under assessment.
    dee = PersonFactory(
        la_child_id="GC0004",
        kind=PersonKind.UNBORN,
        date_of_birth=None,
        expected_date_of_birth=D(2026, 6, 1),
        sex="U",
        ethnicity="NOBT",
    )
    episode = EpisodeFactory(
        child=dee, referral_date=D(2026, 3, 16), source="3B", primary_need="N3"
    )
    _assessment(episode, D(2026, 3, 17))

    # Out of scope: an episode closed before the year; an adult; later activity.
    eve = PersonFactory(la_child_id="GC0005", date_of_birth=D(2010, 1, 1))
    EpisodeFactory(
        child=eve,
        referral_date=D(2024, 6, 1),
        source="1A",
        primary_need="N4",
        closed_on=D(2025, 2, 1),
        closure_reason="RC7",
    )
    AdultFactory()
    return {"amy": amy, "ben": ben, "cal": cal, "dee": dee, "eve": eve}
