"""Factories for plans and CIN reviews, and the episode and authorised assessment a CIN plan
needs. The assessment is built directly (its services belong to another area)."""

import datetime as dt

import factory

from cairn.casework.models import (
    Action,
    Assessment,
    AssessmentOutcome,
    AssessmentStatus,
    Contingency,
    ContingencyNetworkMember,
    FgcStatus,
    MakingDifference,
    MeasureSource,
    Meeting,
    MeetingDecision,
    MeetingKind,
    Outcome,
    Plan,
    PlanKind,
    PlanStatus,
    PlanVersion,
)
from cairn.frontdoor.models import Episode
from cairn.testing.factories import PersonFactory, RecordFactory


class EpisodeFactory(RecordFactory):
    class Meta:
        model = Episode

    child = factory.SubFactory(PersonFactory)
    referral_date = dt.date(2026, 1, 5)
    source = "1A"


class AuthorisedAssessmentFactory(RecordFactory):
    """An assessment authorised with the outcome "child in need plan"."""

    class Meta:
        model = Assessment

    episode = factory.SubFactory(EpisodeFactory)
    child = factory.SelfAttribute("episode.child")
    status = AssessmentStatus.AUTHORISED
    started_on = dt.date(2026, 1, 6)
    target_date = dt.date(2026, 3, 10)
    outcome = AssessmentOutcome.CIN_PLAN
    authorised_on = dt.date(2026, 2, 2)


class PlanFactory(RecordFactory):
    class Meta:
        model = Plan

    episode = factory.SubFactory(EpisodeFactory)
    child = factory.SelfAttribute("episode.child")
    kind = PlanKind.CIN
    status = PlanStatus.DRAFT


class PlanVersionFactory(RecordFactory):
    class Meta:
        model = PlanVersion

    plan = factory.SubFactory(PlanFactory)
    number = 1
    made_on = dt.date(2026, 2, 3)


class OutcomeFactory(RecordFactory):
    class Meta:
        model = Outcome

    plan_version = factory.SubFactory(PlanVersionFactory)
    position = factory.Sequence(lambda n: n + 1)
    text = "Amara will get to school on time every day"
    measure_source = MeasureSource.CHILD
    baseline = 3


class ActionFactory(RecordFactory):
    class Meta:
        model = Action

    plan_version = factory.SubFactory(PlanVersionFactory)
    what = "Walk Amara to school"
    who_agency = "Family support service"
    due_on = dt.date(2026, 4, 1)


class ContingencyFactory(RecordFactory):
    """A complete contingency arrangement, but for the family network (add it separately)."""

    class Meta:
        model = Contingency

    plan_version = factory.SubFactory(PlanVersionFactory)
    triggers = "Amara misses school two days in a week"
    response = "Strategy discussion within a day"
    who_acts = "Allocated social worker"
    fgc_status = FgcStatus.HELD
    fgc_on = dt.date(2026, 2, 1)


class NetworkMemberFactory(RecordFactory):
    class Meta:
        model = ContingencyNetworkMember

    contingency = factory.SubFactory(ContingencyFactory)
    person = factory.SubFactory(PersonFactory)
    how_considered = "Could look after Amara for a few days"


class CinReviewFactory(RecordFactory):
    class Meta:
        model = Meeting

    kind = MeetingKind.CIN_REVIEW
    held_at = factory.LazyFunction(
        lambda: dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)  # a Monday morning
    )
    plan = factory.SubFactory(PlanFactory)
    making_difference = MakingDifference.YES
    decision = MeetingDecision.CONTINUE
