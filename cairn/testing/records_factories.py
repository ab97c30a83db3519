"""Factories for the child's record as the RECORDS area reads it: episodes, contacts, visits,
case notes, assessments, significant events, plans, reviews, level transitions and early help.
They build rows directly; tests of services call the services."""

import datetime as dt

import factory

from cairn.casework.models import (
    Assessment,
    AssessmentOutcome,
    AssessmentStatus,
    CaseNote,
    Contingency,
    Meeting,
    MeetingKind,
    Plan,
    PlanKind,
    PlanStatus,
    PlanVersion,
    SignificantEvent,
    Visit,
    VisitKind,
)
from cairn.earlyhelp.models import EarlyHelpEpisode
from cairn.frontdoor.models import Contact, ContactChild, Episode, Level, LevelTransition
from cairn.testing.factories import PersonFactory, RecordFactory, TeamFactory, UserFactory


class EpisodeFactory(RecordFactory):
    class Meta:
        model = Episode

    child = factory.SubFactory(PersonFactory)
    referral_date = dt.date(2025, 12, 19)
    source = "1A"


class ContactFactory(RecordFactory):
    class Meta:
        model = Contact

    received_at = dt.datetime(2025, 12, 18, 10, 0, tzinfo=dt.UTC)
    source = "1A"
    referrer_name = "Ms Patel"
    referrer_organisation = "Fernbridge Primary School"
    concerns = "Amara came to school hungry and with a bruise"
    team = factory.SubFactory(TeamFactory)


class ContactChildFactory(RecordFactory):
    class Meta:
        model = ContactChild

    contact = factory.SubFactory(ContactFactory)
    child = factory.SubFactory(PersonFactory)


class VisitFactory(RecordFactory):
    class Meta:
        model = Visit

    episode = factory.SubFactory(EpisodeFactory)
    child = factory.SelfAttribute("episode.child")
    kind = VisitKind.CIN
    visited_on = dt.date(2026, 1, 5)
    child_seen = True
    location = "The family home"
    worker = factory.SubFactory(UserFactory)


class CaseNoteFactory(RecordFactory):
    class Meta:
        model = CaseNote

    child = factory.SubFactory(PersonFactory)
    occurred_on = dt.date(2026, 1, 5)
    subject = "Call from school"
    text = "School called about Amara's attendance."


class AssessmentFactory(RecordFactory):
    class Meta:
        model = Assessment

    episode = factory.SubFactory(EpisodeFactory)
    child = factory.SelfAttribute("episode.child")
    started_on = dt.date(2025, 12, 22)
    target_date = dt.date(2026, 2, 25)


class AuthorisedAssessmentFactory(AssessmentFactory):
    status = AssessmentStatus.AUTHORISED
    outcome = AssessmentOutcome.CIN_PLAN
    authorised_on = dt.date(2026, 1, 30)


class SignificantEventFactory(RecordFactory):
    class Meta:
        model = SignificantEvent

    child = factory.SubFactory(PersonFactory)
    occurred_on = dt.date(2026, 2, 20)
    type = "new_adult"
    description = "Mother's new partner has moved in"


class ActivePlanFactory(RecordFactory):
    """An active child in need plan (first version authorised on the start date)."""

    class Meta:
        model = Plan

    episode = factory.SubFactory(EpisodeFactory)
    child = factory.SelfAttribute("episode.child")
    kind = PlanKind.CIN
    status = PlanStatus.ACTIVE
    started_on = dt.date(2026, 2, 2)


class PlanVersionFactory(RecordFactory):
    class Meta:
        model = PlanVersion

    plan = factory.SubFactory(ActivePlanFactory)
    number = 1
    made_on = dt.date(2026, 2, 2)
    authorised_on = dt.date(2026, 2, 2)


class ContingencyFactory(RecordFactory):
    class Meta:
        model = Contingency

    plan_version = factory.SubFactory(PlanVersionFactory)
    triggers = "Amara misses school two days in a week"
    response = "Strategy discussion within a day"
    who_acts = "Allocated social worker"


class ReviewFactory(RecordFactory):
    class Meta:
        model = Meeting

    kind = MeetingKind.CIN_REVIEW
    held_at = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)
    plan = factory.SubFactory(ActivePlanFactory)


class LevelTransitionFactory(RecordFactory):
    class Meta:
        model = LevelTransition

    child = factory.SubFactory(PersonFactory)
    occurred_on = dt.date(2025, 12, 19)
    from_level = Level.NONE
    to_level = Level.CIN
    reason = "Referral accepted"
    decided_by = factory.SubFactory(UserFactory)


class EarlyHelpEpisodeFactory(RecordFactory):
    class Meta:
        model = EarlyHelpEpisode

    child = factory.SubFactory(PersonFactory)
    started_on = dt.date(2025, 6, 2)
    lead_organisation = "Fernbridge Family Hub"
    lead_practitioner = "Sam Reid"
    reason = "Support with routines"
