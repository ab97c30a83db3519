"""A small hand-built council for the Standard Safeguarding Dataset golden files (ADR 22).

Every value is fixed (no Faker), so an export of it is the same on every run when the primary
key sequences start from 1 (tests use `django_db(transaction=True, reset_sequences=True)`).
It covers each SSD table Cairn exports: people (born and unborn, identifiers, disabilities,
addresses, immigration status), contacts with decided and undecided outcomes, early help, CIN
episodes (open, closed, NFA), assessments with factors, a CIN plan and visits, an S47 enquiry,
an ICPC, a CP plan with a category change, CP visits and a quorate review, and allocations.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from cairn.accounts.roles import Role, TeamKind
from cairn.casework.models import (
    AssessmentFactor,
    AssessmentOutcome,
    AssessmentStatus,
    MeetingChild,
    MeetingKind,
    ParticipationMode,
    PlanKind,
    PlanStatus,
    Visit,
    VisitKind,
)
from cairn.casework.models.meetings import AgencyKind
from cairn.earlyhelp.models import EarlyHelpEpisode
from cairn.frontdoor.models import ThresholdLevel
from cairn.people.models import Address, Disability, Identifier, ImmigrationStatus, PersonKind
from cairn.protection.models import ConferenceOutcome
from cairn.testing.factories import (
    AdultFactory,
    AllocationFactory,
    PersonFactory,
    RelationshipFactory,
    TeamFactory,
    UserFactory,
    _system,
)
from cairn.testing.frontdoor_factories import ContactChildFactory, ContactFactory
from cairn.testing.plans_factories import AuthorisedAssessmentFactory, EpisodeFactory, PlanFactory
from cairn.testing.protection_factories import (
    AttendanceFactory,
    ConferenceDetailFactory,
    ConferenceMeetingFactory,
    CPCategoryFactory,
    cp_plan_with_history,
)
from cairn.testing.staff_factories import StaffRecordFactory

AS_OF = dt.date(2026, 5, 1)


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _make(model, **fields):
    system = _system()
    return model.objects.create(created_by=system, updated_by=system, **fields)


@dataclass
class SsdCouncil:
    amelia: object  # on a CP plan
    noah: object  # CIN plan after a closed NFA episode
    unborn: object  # unborn, contact undecided
    worker: object
    agency_worker: object
    cp_plan: object


def _person(given: str, family: str, **fields):
    return PersonFactory(
        given_name=given, family_name=family, religion="", first_language="English", **fields
    )


def build_ssd_council() -> SsdCouncil:
    service = TeamFactory(name="Children's services", kind=TeamKind.SERVICE)
    mash = TeamFactory(name="MASH", kind=TeamKind.FRONT_DOOR, parent=service)
    north = TeamFactory(name="North locality", kind=TeamKind.CIN_CP, parent=service)
    manager = UserFactory(
        username="tm.north",
        first_name="Grace",
        last_name="Okafor",
        role=Role.TEAM_MANAGER,
        team=north,
    )
    worker = UserFactory(
        username="sw.khan", first_name="Aisha", last_name="Khan", team=north, manager=manager
    )
    agency_worker = UserFactory(
        username="sw.lewis",
        first_name="Tom",
        last_name="Lewis",
        team=north,
        is_agency=True,
        fte="0.80",
    )
    chair = UserFactory(
        username="chair.patel",
        first_name="Ravi",
        last_name="Patel",
        role=Role.CP_CHAIR,
        team=service,
    )
    StaffRecordFactory(user=worker, swe_number="SW123456", started_on=dt.date(2020, 9, 1))
    StaffRecordFactory(user=agency_worker, swe_number="SW654321", started_on=dt.date(2025, 6, 2))
    StaffRecordFactory(user=manager, swe_number="SW111222", started_on=dt.date(2015, 1, 5))
    StaffRecordFactory(user=chair, swe_number="", started_on=dt.date(2012, 4, 2))

    amelia = _person(
        "Amelia",
        "Brown",
        sex="F",
        gender_identity="02",
        ethnicity="WBRI",
        date_of_birth=dt.date(2015, 4, 3),
    )
    noah = _person(
        "Noah",
        "Brown",
        sex="M",
        gender_identity="01",
        ethnicity="MWBC",
        date_of_birth=dt.date(2018, 11, 20),
        upn_unknown_reason="UN1",
    )
    unborn = _person(
        "",
        "Nowak",
        kind=PersonKind.UNBORN,
        sex="U",
        gender_identity="00",
        ethnicity="NOBT",
        date_of_birth=None,
        expected_date_of_birth=dt.date(2026, 7, 14),
    )
    mother = AdultFactory(given_name="Jade", family_name="Brown", sex="F")
    RelationshipFactory(person=amelia, relative=mother, type="mother")
    RelationshipFactory(person=noah, relative=mother, type="mother")

    _make(Identifier, person=amelia, system="nhs", value="9434765919")
    _make(Identifier, person=amelia, system="upn", value="B801200005001")
    _make(Identifier, person=amelia, system="legacy", value="LL-20931", valid_to=AS_OF)
    _make(Identifier, person=noah, system="nhs", value="9876543210")
    _make(Disability, person=amelia, code="AUT")
    _make(Disability, person=amelia, code="COMM")
    _make(Disability, person=noah, code="NONE")
    _make(
        Address,
        person=amelia,
        line_1="12 Mill Lane",
        line_2="Northfield",
        town="Kendal",
        postcode="LA9 4AB",
        started_on=dt.date(2019, 6, 1),
    )
    _make(
        Address,
        person=noah,
        line_1="12 Mill Lane",
        line_2="Northfield",
        town="Kendal",
        postcode="LA9 4AB",
        started_on=dt.date(2019, 6, 1),
        ended_on=dt.date(2025, 8, 31),
    )
    _make(
        Address,
        person=noah,
        line_1="Flat 3, Quay House",
        line_2="",
        town="Kendal",
        postcode="LA9 6QT",
        started_on=dt.date(2025, 9, 1),
    )
    _make(ImmigrationStatus, person=unborn, status="PRESET", started_on=dt.date(2024, 3, 1))

    level, _ = ThresholdLevel.objects.get_or_create(number=3, defaults={"name": "Child in need"})
    # Front door: one contact about the two siblings, one about the unborn baby (undecided).
    contact = ContactFactory(received_at=_at(dt.date(2026, 1, 2), 9), source="2A", team=mash)
    amelia_contact = ContactChildFactory(
        contact=contact,
        child=amelia,
        next_step="referral",
        rationale="Bruising",
        threshold_level=level,
        decided_by=manager,
        decided_at=_at(dt.date(2026, 1, 2), 15),
    )
    ContactChildFactory(
        contact=contact,
        child=noah,
        next_step="nfa",
        rationale="No concerns",
        threshold_level=level,
        decided_by=manager,
        decided_at=_at(dt.date(2026, 1, 2), 15),
    )
    ContactChildFactory(
        contact=ContactFactory(received_at=_at(dt.date(2026, 4, 28), 11), source="3B", team=mash),
        child=unborn,
    )
    _make(
        EarlyHelpEpisode,
        child=noah,
        started_on=dt.date(2025, 3, 3),
        ended_on=dt.date(2025, 7, 18),
        lead_organisation="Family hub",
        lead_practitioner="J. Smith",
        reason="School attendance",
        end_reason="outcomes_met",
    )

    # Amelia: referral, assessment (strategy), S47, ICPC, CP plan, visits, review.
    episode = EpisodeFactory(
        child=amelia,
        contact_child=amelia_contact,
        referral_date=dt.date(2026, 1, 2),
        source="2A",
        primary_need="N1",
    )
    AllocationFactory(
        child=amelia,
        episode=episode,
        team=mash,
        started_on=dt.date(2026, 1, 2),
        ended_on=dt.date(2026, 1, 5),
        reason="",
    )
    AllocationFactory(
        child=amelia,
        episode=episode,
        team=north,
        worker=worker,
        started_on=dt.date(2026, 1, 5),
        reason="Allocated after referral",
    )
    assessment = AuthorisedAssessmentFactory(
        episode=episode,
        child=amelia,
        started_on=dt.date(2026, 1, 5),
        child_seen_on=dt.date(2026, 1, 7),
        authorised_on=dt.date(2026, 1, 20),
        target_date=dt.date(2026, 3, 6),
        outcome=AssessmentOutcome.STRATEGY,
    )
    for code in ("16A", "3B", "1B"):
        _make(AssessmentFactor, assessment=assessment, code=code)
    plan = cp_plan_with_history(episode=episode, started_on=dt.date(2026, 2, 9), chair=chair)
    for day, alone in ((dt.date(2026, 2, 16), True), (dt.date(2026, 3, 2), False)):
        _make(
            Visit,
            child=amelia,
            episode=episode,
            kind=VisitKind.CP,
            visited_on=day,
            child_seen=True,
            seen_alone=alone,
            bedroom_seen=alone,
            location="Home",
            worker=worker,
        )
    review = ConferenceMeetingFactory(
        kind=MeetingKind.RCPC, held_at=_at(dt.date(2026, 4, 27)), plan=plan, chair=chair
    )
    ConferenceDetailFactory(
        s47=None, child=amelia, meeting=review, outcome=ConferenceOutcome.CONTINUE, category="EMO"
    )
    MeetingChild.objects.filter(meeting=review, child=amelia).update(
        participation=ParticipationMode.ATTENDED_SPOKE
    )
    for kind in (AgencyKind.CHILDRENS_SOCIAL_CARE, AgencyKind.POLICE, AgencyKind.HEALTH):
        AttendanceFactory(meeting=review, agency_kind=kind, name=f"{kind.label} attendee")
    CPCategoryFactory(plan=plan, category="EMO", from_on=dt.date(2026, 4, 27), meeting=review)

    # Noah: a closed episode (assessed, no further action), then a CIN plan.
    closed = EpisodeFactory(
        child=noah,
        referral_date=dt.date(2025, 9, 8),
        source="1A",
        primary_need="N5",
        closed_on=dt.date(2025, 10, 20),
        closure_reason="RC8",
    )
    AuthorisedAssessmentFactory(
        episode=closed,
        child=noah,
        started_on=dt.date(2025, 9, 9),
        child_seen_on=None,
        authorised_on=dt.date(2025, 10, 17),
        target_date=dt.date(2025, 11, 7),
        outcome=AssessmentOutcome.NFA,
    )
    AllocationFactory(
        child=noah,
        episode=closed,
        team=north,
        worker=agency_worker,
        started_on=dt.date(2025, 9, 8),
        ended_on=dt.date(2025, 10, 20),
        reason="Duty",
    )
    nfa_episode = EpisodeFactory(
        child=unborn,
        referral_date=dt.date(2026, 2, 2),
        source="3B",
        referral_nfa=True,
        closed_on=dt.date(2026, 2, 2),
        closure_reason="RC7",
    )
    del nfa_episode
    open_episode = EpisodeFactory(
        child=noah, referral_date=dt.date(2026, 2, 16), source="2A", primary_need="N1"
    )
    AllocationFactory(
        child=noah,
        episode=open_episode,
        team=north,
        worker=agency_worker,
        started_on=dt.date(2026, 2, 16),
        reason="Sibling allocated",
    )
    AuthorisedAssessmentFactory(
        episode=open_episode,
        child=noah,
        started_on=dt.date(2026, 2, 16),
        child_seen_on=dt.date(2026, 2, 18),
        authorised_on=dt.date(2026, 3, 20),
        target_date=dt.date(2026, 4, 20),
        outcome=AssessmentOutcome.CIN_PLAN,
    )
    AuthorisedAssessmentFactory(
        episode=open_episode,
        child=noah,
        status=AssessmentStatus.DRAFT,
        started_on=dt.date(2026, 4, 20),
        child_seen_on=None,
        authorised_on=None,
        target_date=dt.date(2026, 6, 19),
        outcome="",
    )
    PlanFactory(
        episode=open_episode,
        child=noah,
        kind=PlanKind.CIN,
        status=PlanStatus.ACTIVE,
        started_on=dt.date(2026, 3, 23),
    )
    _make(
        Visit,
        child=noah,
        episode=open_episode,
        kind=VisitKind.CIN,
        visited_on=dt.date(2026, 4, 6),
        child_seen=True,
        seen_alone=False,
        bedroom_seen=True,
        location="School",
        worker=agency_worker,
    )
    _make(
        Visit,
        child=noah,
        episode=open_episode,
        kind=VisitKind.CIN,
        visited_on=dt.date(2026, 4, 20),
        child_seen=False,
        location="Home",
        worker=agency_worker,
    )
    return SsdCouncil(
        amelia=amelia,
        noah=noah,
        unborn=unborn,
        worker=worker,
        agency_worker=agency_worker,
        cp_plan=plan,
    )
