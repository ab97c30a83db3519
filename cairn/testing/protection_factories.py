"""Factories for child protection records: strategy discussions, S47 enquiries, conferences
(ICPC and review) and CP plans. They build rows directly; tests that need the audit trail or
the sequence checks call the protection services instead.

Dates default to a coherent story: strategy discussion Monday 5 January 2026, ICPC Monday
26 January 2026 (15 working days later), CP plan from the ICPC date.
"""

import datetime as dt

import factory

from cairn.casework.models import (
    AgencyKind,
    Attendance,
    AttendeeRole,
    Meeting,
    MeetingChild,
    MeetingKind,
    Plan,
    PlanKind,
    PlanStatus,
    PlanVersion,
)
from cairn.protection.models import (
    ConferenceDetail,
    ConferenceOutcome,
    CoreGroupMember,
    CPCategory,
    S47Enquiry,
    StrategyDecision,
    StrategyDiscussion,
)
from cairn.testing.factories import PersonFactory, PlainName, RecordFactory
from cairn.testing.plans_factories import EpisodeFactory


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=dt.UTC)


class StrategyMeetingFactory(RecordFactory):
    """A Meeting of kind strategy (add children with MeetingChildFactory)."""

    class Meta:
        model = Meeting

    kind = MeetingKind.STRATEGY
    held_at = factory.LazyFunction(lambda: _at(dt.date(2026, 1, 5)))
    plan = None


class MeetingChildFactory(RecordFactory):
    class Meta:
        model = MeetingChild

    meeting = factory.SubFactory(StrategyMeetingFactory)
    child = factory.SubFactory(PersonFactory)


class AttendanceFactory(RecordFactory):
    """A professional who attended, for an agency, with direct contact with the child."""

    class Meta:
        model = Attendance

    meeting = factory.SubFactory(StrategyMeetingFactory)
    role = AttendeeRole.PROFESSIONAL
    name = PlainName("name")
    agency_kind = AgencyKind.CHILDRENS_SOCIAL_CARE
    agency = factory.LazyAttribute(lambda a: AgencyKind(a.agency_kind).label)
    direct_contact = True
    invited = True
    attended = True


class StrategyDiscussionFactory(RecordFactory):
    """A strategy discussion deciding a joint S47 enquiry. `children=[...]` names the children
    concerned (siblings together); without it one new child is made."""

    class Meta:
        model = StrategyDiscussion
        skip_postgeneration_save = True

    meeting = factory.SubFactory(StrategyMeetingFactory)
    information_shared = "Police shared a domestic abuse callout at the family home."
    decision = StrategyDecision.JOINT_S47

    @factory.post_generation
    def children(obj, create, extracted, **kwargs):  # noqa: N805
        if not create:
            return
        for child in extracted or [PersonFactory()]:
            MeetingChildFactory(meeting=obj.meeting, child=child)


class S47EnquiryFactory(RecordFactory):
    """An open S47 enquiry started at a strategy discussion (on its date)."""

    class Meta:
        model = S47Enquiry

    episode = factory.SubFactory(EpisodeFactory)
    child = factory.SelfAttribute("episode.child")
    strategy_discussion = factory.LazyAttribute(
        lambda s: StrategyDiscussionFactory(children=[s.child]).meeting
    )
    started_on = factory.LazyAttribute(lambda s: s.strategy_discussion.held_at.date())


class ConferenceMeetingFactory(RecordFactory):
    """A Meeting of kind icpc (pass kind=MeetingKind.RCPC and plan= for a review)."""

    class Meta:
        model = Meeting

    kind = MeetingKind.ICPC
    held_at = factory.LazyFunction(lambda: _at(dt.date(2026, 1, 26)))
    plan = None


class ConferenceDetailFactory(RecordFactory):
    """An ICPC that decided a CP plan under neglect, following an S47 enquiry.

    Pass `s47=` to attach it to an existing enquiry; the child follows the enquiry.
    """

    class Meta:
        model = ConferenceDetail
        skip_postgeneration_save = True

    s47 = factory.SubFactory(S47EnquiryFactory)
    child = factory.SelfAttribute("s47.child")
    meeting = factory.SubFactory(ConferenceMeetingFactory)
    outcome = ConferenceOutcome.CP_PLAN
    category = "NEG"

    @factory.post_generation
    def with_child(obj, create, extracted, **kwargs):  # noqa: N805
        if create and not obj.meeting.children.filter(child=obj.child).exists():
            MeetingChildFactory(meeting=obj.meeting, child=obj.child)


class CPPlanFactory(RecordFactory):
    """An active CP plan (casework Plan of kind CP) from 26 January 2026."""

    class Meta:
        model = Plan

    episode = factory.SubFactory(EpisodeFactory)
    child = factory.SelfAttribute("episode.child")
    kind = PlanKind.CP
    status = PlanStatus.ACTIVE
    started_on = dt.date(2026, 1, 26)


class CPPlanVersionFactory(RecordFactory):
    class Meta:
        model = PlanVersion

    plan = factory.SubFactory(CPPlanFactory)
    number = 1
    made_on = factory.SelfAttribute("plan.started_on")
    authorised_on = factory.SelfAttribute("plan.started_on")


class CPCategoryFactory(RecordFactory):
    class Meta:
        model = CPCategory

    plan = factory.SubFactory(CPPlanFactory)
    category = "NEG"
    from_on = factory.SelfAttribute("plan.started_on")


class CoreGroupMemberFactory(RecordFactory):
    class Meta:
        model = CoreGroupMember

    plan = factory.SubFactory(CPPlanFactory)
    name = PlainName("name")
    agency = "Health visiting"
    role = "Health visitor"
    joined_on = factory.SelfAttribute("plan.started_on")


def cp_plan_with_history(
    *,
    child=None,
    episode=None,
    started_on: dt.date = dt.date(2026, 1, 26),
    category: str = "NEG",
    chair=None,
    finalised: bool = True,
) -> Plan:
    """A whole CP history for one child: strategy discussion, S47 (ended, ICPC needed), an
    ICPC on `started_on` that decided a CP plan, and the active plan (version 1 authorised,
    its initial category, the ICPC linked to the plan). Returns the plan.

    `plan.icpc` is the ICPC meeting; `plan.s47` the enquiry (set on the returned object only).
    """
    if episode is None:
        episode = EpisodeFactory(child=child) if child is not None else EpisodeFactory()
    child = episode.child
    strategy_on = started_on - dt.timedelta(days=21)
    s47 = S47EnquiryFactory(
        episode=episode,
        child=child,
        strategy_discussion=StrategyDiscussionFactory(
            children=[child], meeting=StrategyMeetingFactory(held_at=_at(strategy_on))
        ).meeting,
        started_on=strategy_on,
        child_seen_on=strategy_on,
        findings="Concerns about neglect were substantiated.",
        outcome="substantiated",
        icpc_needed=True,
        ended_on=started_on,
    )
    plan = CPPlanFactory(episode=episode, child=child, started_on=started_on)
    icpc = ConferenceMeetingFactory(
        held_at=_at(started_on),
        plan=plan,
        chair=chair,
        finalised_at=_at(started_on, 16) if finalised and chair is not None else None,
        finalised_by=chair if finalised and chair is not None else None,
    )
    ConferenceDetailFactory(s47=s47, child=child, meeting=icpc, category=category)
    CPPlanVersionFactory(plan=plan, meeting=icpc)
    CPCategoryFactory(plan=plan, category=category, from_on=started_on, meeting=icpc)
    plan.icpc = icpc
    plan.s47 = s47
    return plan
