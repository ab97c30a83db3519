"""Reads for the child's page: who they are, where they are on the journey, who holds the case,
their drift alerts (the engine's, cairn.timescales.engine), the current plan, the family network
and the latest chronology.

Every part is a fixed number of queries whatever the size of the child's history; pages check
`casework.view_record` on the child before showing any of it.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from cairn.casework.models import Plan, PlanKind, PlanVersion
from cairn.casework.selectors.chronology import ChronologyEntry, chronology_for
from cairn.casework.selectors.plans import (
    contingency_missing_parts,
    plan_current_version,
    plan_get_current,
    plan_latest_version,
    plan_needs_management_attention,
)
from cairn.core.working_days import WorkingDayCalendar
from cairn.frontdoor.models import Episode, Level, LevelTransition
from cairn.frontdoor.selectors import episode_get_open, level_transition_list
from cairn.people.models import Person, PersonKind, Relationship, RelationshipType
from cairn.timescales.engine import Alert, alerts_as_of
from cairn.workforce.models import Allocation

LATEST_CHRONOLOGY_ENTRIES = 10
PARENT_TYPES = (RelationshipType.MOTHER, RelationshipType.FATHER)


def child_get(*, pk: int) -> Person | None:
    """A child (or unborn child) with their disabilities; None for adults and unknown ids."""
    return (
        Person.objects.filter(pk=pk, kind__in=(PersonKind.CHILD, PersonKind.UNBORN))
        .prefetch_related("disabilities")
        .first()
    )


def allocation_get_current(*, child: Person) -> Allocation | None:
    return (
        Allocation.objects.filter(child=child, ended_on__isnull=True)
        .select_related("team", "worker")
        .first()
    )


@dataclass
class FamilyNetwork:
    """The child's recorded relationships, read in both directions, and the children who share
    a parent with the child (siblings and half-siblings recorded only through that parent)."""

    relationships: list[Relationship]  # relative is the child's <type>
    inverse: list[Relationship]  # the child is person's <type>
    through_parents: list[Relationship]  # another child whose mother or father is a parent here


def _current(relationships: QuerySet[Relationship], today: dt.date) -> QuerySet[Relationship]:
    return relationships.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))


def family_network_get(*, child: Person, today: dt.date) -> FamilyNetwork:
    """Three queries: the child's relationships, the inverse ones, and their parents' other
    children. Ended relationships are left out."""
    relationships = list(
        _current(Relationship.objects.filter(person=child), today)
        .select_related("relative")
        .order_by("type", "relative__date_of_birth", "id")
    )
    inverse = list(
        _current(Relationship.objects.filter(relative=child), today)
        .select_related("person")
        .order_by("type", "person__date_of_birth", "id")
    )
    parent_ids = [r.relative_id for r in relationships if r.type in PARENT_TYPES]
    through_parents = []
    if parent_ids:
        through_parents = list(
            _current(
                Relationship.objects.filter(relative_id__in=parent_ids, type__in=PARENT_TYPES),
                today,
            )
            .exclude(person=child)
            .filter(person__kind__in=(PersonKind.CHILD, PersonKind.UNBORN))
            .select_related("person", "relative")
            .order_by("person__date_of_birth", "id")
        )
    return FamilyNetwork(relationships, inverse, through_parents)


@dataclass
class PlanSummary:
    plan: Plan
    version: PlanVersion | None  # the version in force, else the draft being written
    authorised: bool
    contingency_missing: list[str]
    needs_management_attention: bool


def plan_summary_get(*, child: Person) -> PlanSummary | None:
    """The child's open child in need plan (draft or active), with the version in force."""
    plan = plan_get_current(child=child, kind=PlanKind.CIN)
    if plan is None:
        return None
    current = plan_current_version(plan)
    version = current or plan_latest_version(plan)
    contingency = getattr(version, "contingency", None) if version else None
    return PlanSummary(
        plan=plan,
        version=version,
        authorised=current is not None,
        contingency_missing=contingency_missing_parts(contingency),
        needs_management_attention=plan_needs_management_attention(plan),
    )


@dataclass
class ChildPage:
    child: Person
    level: str
    allocation: Allocation | None
    open_episode: Episode | None
    alerts: list[Alert]  # the drift engine's, most urgent first
    plan: PlanSummary | None
    journey: list[LevelTransition]
    family: FamilyNetwork
    chronology: list[ChronologyEntry] = field(default_factory=list)


def child_page_get(*, child: Person, today: dt.date, calendar: WorkingDayCalendar) -> ChildPage:
    """Everything the child's page shows, in a fixed number of queries."""
    journey = list(level_transition_list(child=child))
    plan = plan_summary_get(child=child)
    alerts = sorted(
        alerts_as_of(as_of=today, calendar=calendar, children=[child.pk]), key=lambda a: a.urgency
    )
    return ChildPage(
        child=child,
        level=journey[-1].to_level if journey else Level.NONE,
        allocation=allocation_get_current(child=child),
        open_episode=episode_get_open(child=child),
        alerts=alerts,
        plan=plan,
        journey=journey,
        family=family_network_get(child=child, today=today),
        chronology=chronology_for(child=child, latest=LATEST_CHRONOLOGY_ENTRIES),
    )
