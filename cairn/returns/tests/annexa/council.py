"""A small hand-built council for the Annex A golden test: six children whose records cover
every list, as of 31 March 2026 (the lists' window is 1 October 2025 to 31 March 2026).

A  open referral from a school contact; assessed (seen), CIN plan, visited; allocated to Sam.
B  third referral in two years (one in the previous 12 months), from the police; S47 and ICPC;
   on a CP plan (neglect, then emotional abuse at review); a previous CP plan; unallocated.
C  unborn; an early help episode after a contact from LA early help (5D).
D  looked after (ICO) since September 2025 after an earlier s20 period ending in May 2025;
   UASC; one missing episode in care.
E  referral closed after assessment with no further action (RC8).
F  referral NFA at the front door, never allocated (the front door team and decider).
"""

import datetime as dt

from django.utils import timezone

from cairn.accounts.services import system_actor
from cairn.casework.models import (
    AssessmentOutcome,
    AssessmentStatus,
    MeetingKind,
    PlanKind,
    PlanStatus,
    SignificantEventType,
    VisitKind,
)
from cairn.frontdoor.models import NextStep, ThresholdLevel
from cairn.people.models import Disability, ImmigrationStatus, PersonKind
from cairn.protection.models import ConferenceOutcome
from cairn.testing.factories import AllocationFactory, PersonFactory, TeamFactory, UserFactory
from cairn.testing.frontdoor_factories import (
    AssessmentFactory,
    ContactChildFactory,
    ContactFactory,
    EarlyHelpEpisodeFactory,
    EpisodeFactory,
    PlanFactory,
)
from cairn.testing.legal_factories import LookedAfterPeriodFactory
from cairn.testing.protection_factories import (
    ConferenceDetailFactory,
    ConferenceMeetingFactory,
    CPCategoryFactory,
    CPPlanFactory,
    S47EnquiryFactory,
    StrategyMeetingFactory,
)
from cairn.testing.records_factories import SignificantEventFactory, VisitFactory

REFERENCE_DATE = dt.date(2026, 3, 31)


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _record(model, **fields):
    actor = system_actor()
    return model.objects.create(created_by=actor, updated_by=actor, **fields)


def build_council() -> dict:
    north = TeamFactory(name="North locality")
    mash = TeamFactory(name="MASH")
    sam = UserFactory(username="sam.carter", first_name="Sam", last_name="Carter", team=north)
    priya = UserFactory(username="priya.shah", first_name="Priya", last_name="Shah", team=mash)
    level, _ = ThresholdLevel.objects.get_or_create(number=2, defaults={"name": "Early help"})

    # A -------------------------------------------------------------------------------------
    a = PersonFactory(
        la_child_id="CA001", sex="F", ethnicity="WBRI", date_of_birth=dt.date(2015, 6, 10)
    )
    _record(Disability, person=a, code="NONE")
    contact_a = ContactChildFactory(
        child=a, contact=ContactFactory(received_at=at(dt.date(2026, 3, 2)), source="2A")
    )
    episode_a = EpisodeFactory(
        child=a,
        contact_child=contact_a,
        referral_date=dt.date(2026, 3, 3),
        source="2A",
        primary_need="N1",
    )
    AllocationFactory(
        child=a, episode=episode_a, team=north, worker=sam, started_on=dt.date(2026, 3, 3)
    )
    AssessmentFactory(
        episode=episode_a,
        started_on=dt.date(2026, 3, 4),
        child_seen_on=dt.date(2026, 3, 5),
        status=AssessmentStatus.AUTHORISED,
        authorised_on=dt.date(2026, 3, 20),
        outcome=AssessmentOutcome.CIN_PLAN,
        target_date=dt.date(2026, 5, 1),
    )
    PlanFactory(episode=episode_a, kind=PlanKind.CIN, started_on=dt.date(2026, 3, 25))
    VisitFactory(episode=episode_a, visited_on=dt.date(2026, 3, 27), worker=sam)

    # B -------------------------------------------------------------------------------------
    b = PersonFactory(
        la_child_id="CB002", sex="M", ethnicity="NOBT", date_of_birth=dt.date(2012, 1, 15)
    )
    _record(Disability, person=b, code="AUT")
    old_episode = EpisodeFactory(
        child=b,
        referral_date=dt.date(2024, 1, 10),
        source="6",
        primary_need="N1",
        closed_on=dt.date(2024, 7, 1),
        closure_reason="RC7",
    )
    CPPlanFactory(
        episode=old_episode,
        status=PlanStatus.ENDED,
        started_on=dt.date(2024, 2, 1),
        ended_on=dt.date(2024, 6, 1),
    )
    last_year = EpisodeFactory(
        child=b,
        referral_date=dt.date(2025, 6, 1),
        source="6",
        primary_need="N1",
        closed_on=dt.date(2025, 8, 1),
        closure_reason="RC8",
    )
    S47EnquiryFactory(
        episode=last_year,
        strategy_discussion=StrategyMeetingFactory(held_at=at(dt.date(2025, 6, 5))),
        started_on=dt.date(2025, 6, 5),
        icpc_needed=False,
        icpc_not_needed_reason="Concerns not substantiated",
        ended_on=dt.date(2025, 6, 20),
    )
    episode_b = EpisodeFactory(
        child=b, referral_date=dt.date(2025, 11, 10), source="6", primary_need="N1"
    )
    AllocationFactory(
        child=b, episode=episode_b, team=north, worker=None, started_on=dt.date(2025, 11, 10)
    )
    s47 = S47EnquiryFactory(
        episode=episode_b,
        strategy_discussion=StrategyMeetingFactory(held_at=at(dt.date(2025, 11, 12))),
        started_on=dt.date(2025, 11, 12),
        icpc_needed=True,
        ended_on=dt.date(2025, 11, 25),
    )
    ConferenceDetailFactory(
        s47=s47,
        meeting=ConferenceMeetingFactory(held_at=at(dt.date(2025, 11, 26))),
        outcome=ConferenceOutcome.CP_PLAN,
        category="NEG",
    )
    plan_b = CPPlanFactory(episode=episode_b, started_on=dt.date(2025, 11, 26))
    CPCategoryFactory(plan=plan_b, category="NEG", from_on=dt.date(2025, 11, 26))
    review = ConferenceMeetingFactory(
        kind=MeetingKind.RCPC, plan=plan_b, held_at=at(dt.date(2026, 2, 20))
    )
    CPCategoryFactory(plan=plan_b, category="EMO", from_on=dt.date(2026, 2, 20), meeting=review)
    VisitFactory(episode=episode_b, kind=VisitKind.CP, visited_on=dt.date(2026, 2, 1), worker=sam)
    VisitFactory(
        episode=episode_b,
        kind=VisitKind.CP,
        visited_on=dt.date(2026, 3, 10),
        seen_alone=True,
        worker=sam,
    )

    # C -------------------------------------------------------------------------------------
    c = PersonFactory(
        la_child_id="CC003",
        kind=PersonKind.UNBORN,
        sex="U",
        ethnicity="MWAS",
        date_of_birth=None,
        expected_date_of_birth=dt.date(2026, 5, 1),
    )
    ContactChildFactory(
        child=c, contact=ContactFactory(received_at=at(dt.date(2026, 1, 4)), source="5D")
    )
    EarlyHelpEpisodeFactory(
        child=c, started_on=dt.date(2026, 1, 5), lead_organisation="Northfield Family Hub"
    )

    # D -------------------------------------------------------------------------------------
    d = PersonFactory(
        la_child_id="CD004", sex="F", ethnicity="BAFR", date_of_birth=dt.date(2010, 9, 30)
    )
    episode_d = EpisodeFactory(
        child=d, referral_date=dt.date(2024, 2, 1), source="5A", primary_need="N4"
    )
    AllocationFactory(
        child=d, episode=episode_d, team=north, worker=sam, started_on=dt.date(2024, 2, 1)
    )
    LookedAfterPeriodFactory(
        child=d,
        started_on=dt.date(2025, 1, 10),
        legal_status="V2",
        ceased_on=dt.date(2025, 5, 1),
        reason_ceased="E13",
    )
    LookedAfterPeriodFactory(child=d, started_on=dt.date(2025, 9, 1), legal_status="C1")
    _record(ImmigrationStatus, person=d, status="UASC", started_on=dt.date(2024, 12, 1))
    SignificantEventFactory(
        child=d, type=SignificantEventType.MISSING, occurred_on=dt.date(2025, 8, 1)
    )
    SignificantEventFactory(
        child=d, type=SignificantEventType.MISSING, occurred_on=dt.date(2026, 2, 1)
    )
    VisitFactory(episode=episode_d, visited_on=dt.date(2026, 3, 15), worker=sam)

    # E -------------------------------------------------------------------------------------
    e = PersonFactory(
        la_child_id="CE005", sex="M", ethnicity="WBRI", date_of_birth=dt.date(2019, 3, 31)
    )
    episode_e = EpisodeFactory(
        child=e,
        referral_date=dt.date(2025, 9, 20),
        source="3A",
        primary_need="N5",
        closed_on=dt.date(2025, 12, 15),
        closure_reason="RC8",
    )
    AllocationFactory(
        child=e,
        episode=episode_e,
        team=north,
        worker=sam,
        started_on=dt.date(2025, 9, 20),
        ended_on=dt.date(2025, 12, 15),
    )
    AssessmentFactory(
        episode=episode_e,
        started_on=dt.date(2025, 9, 22),
        status=AssessmentStatus.AUTHORISED,
        authorised_on=dt.date(2025, 12, 10),
        outcome=AssessmentOutcome.NFA,
        target_date=dt.date(2025, 11, 21),
    )

    # F -------------------------------------------------------------------------------------
    f = PersonFactory(
        la_child_id="CF006", sex="F", ethnicity="WBRI", date_of_birth=dt.date(2016, 2, 1)
    )
    contact_f = ContactChildFactory(
        child=f,
        contact=ContactFactory(received_at=at(dt.date(2025, 10, 6)), source="1A"),
        threshold_level=level,
        next_step=NextStep.REFERRAL,
        rationale="Referral for assessment",
        decided_by=priya,
        decided_at=at(dt.date(2025, 10, 6), 15),
    )
    EpisodeFactory(
        child=f,
        contact_child=contact_f,
        referral_date=dt.date(2025, 10, 7),
        source="1A",
        referral_nfa=True,
        closed_on=dt.date(2025, 10, 9),
        closure_reason="RC8",
    )
    return {"north": north, "sam": sam}
