"""Factories for front-door and early help records, and the plans and assessments the front
door's closure and step-down rules read (built directly: their services belong to other areas)."""

import datetime as dt

import factory
from django.utils import timezone

from cairn.casework.models import (
    Action,
    Assessment,
    AssessmentStatus,
    Contingency,
    ContingencyNetworkMember,
    Outcome,
    Plan,
    PlanKind,
    PlanStatus,
    PlanVersion,
)
from cairn.earlyhelp.models import EarlyHelpEpisode
from cairn.frontdoor.models import Contact, ContactChild, Episode, Level, LevelTransition
from cairn.testing.factories import PersonFactory, RecordFactory, TeamFactory, _system


def at(day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
    """An aware local date and time (contacts are received at a time)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


class ContactFactory(RecordFactory):
    class Meta:
        model = Contact

    received_at = factory.LazyFunction(lambda: at(dt.date(2026, 3, 2)))
    source = "2A"
    referrer_name = "Ms Kaur"
    referrer_organisation = "Northfield Primary School"
    referrer_role = "Designated safeguarding lead"
    concerns = "Child arrived hungry and with bruising on the arm."
    team = factory.SubFactory(TeamFactory, name="MASH")


class ContactChildFactory(RecordFactory):
    class Meta:
        model = ContactChild

    contact = factory.SubFactory(ContactFactory)
    child = factory.SubFactory(PersonFactory)


class EpisodeFactory(RecordFactory):
    class Meta:
        model = Episode

    child = factory.SubFactory(PersonFactory)
    referral_date = dt.date(2026, 1, 5)
    source = "2A"


class LevelTransitionFactory(RecordFactory):
    class Meta:
        model = LevelTransition

    child = factory.SubFactory(PersonFactory)
    occurred_on = dt.date(2026, 1, 5)
    from_level = Level.NONE
    to_level = Level.CIN
    reason = "Referral accepted"
    decided_by = factory.LazyFunction(_system)


class EarlyHelpEpisodeFactory(RecordFactory):
    class Meta:
        model = EarlyHelpEpisode

    child = factory.SubFactory(PersonFactory)
    started_on = dt.date(2026, 1, 5)
    lead_organisation = "Northfield Family Hub"
    lead_practitioner = "Dana Price"
    reason = "Support with routines and school attendance"


class AssessmentFactory(RecordFactory):
    class Meta:
        model = Assessment

    episode = factory.SubFactory(EpisodeFactory)
    child = factory.SelfAttribute("episode.child")
    status = AssessmentStatus.DRAFT
    started_on = dt.date(2026, 1, 6)
    target_date = dt.date(2026, 3, 10)


class PlanFactory(RecordFactory):
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

    plan = factory.SubFactory(PlanFactory)
    number = 1
    made_on = dt.date(2026, 2, 2)
    authorised_on = dt.date(2026, 2, 2)


class OutcomeFactory(RecordFactory):
    class Meta:
        model = Outcome

    plan_version = factory.SubFactory(PlanVersionFactory)
    text = "Amara goes to school every day, fed and rested"


class ActionFactory(RecordFactory):
    class Meta:
        model = Action

    plan_version = factory.SubFactory(PlanVersionFactory)
    what = "Breakfast club place"
    who_agency = "Northfield Primary School"
    due_on = dt.date(2026, 3, 1)


class ContingencyFactory(RecordFactory):
    class Meta:
        model = Contingency

    plan_version = factory.SubFactory(PlanVersionFactory)
    triggers = "Two missed school days in a week"
    response = "Strategy discussion considered the same day"
    who_acts = "Allocated social worker"


class NetworkMemberFactory(RecordFactory):
    class Meta:
        model = ContingencyNetworkMember

    contingency = factory.SubFactory(ContingencyFactory)
    person = factory.SubFactory(PersonFactory)
    how_considered = "Grandmother can care for the children at short notice"
