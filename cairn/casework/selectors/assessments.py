"""Reads about single assessments and the significant events that call for an updated one.

Pages check `casework.view_record` on the child before calling these; each read is bounded
(select_related / prefetch_related), so a page's query count does not grow with the record.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from cairn.casework.models import (
    Assessment,
    AssessmentStatus,
    AssessmentStatusChange,
    AssessmentView,
    IdentityAspect,
    SignificantEvent,
    ViewHolder,
)
from cairn.core import clock
from cairn.core.working_days import WorkingDayCalendar, council_calendar
from cairn.frontdoor.models import Episode
from cairn.people.models import Person, Relationship
from cairn.people.selectors import CHILD_KINDS

# Working Together 2023: a single assessment is completed (authorised) within 45 working days
# of the referral (rule ASSESSMENT_45WD, shared/domain/timescales.md).
ASSESSMENT_WORKING_DAYS = 45
# Local rule ASSESSMENT_UPDATE_DUE: an updated assessment starts within N working days of a
# significant change in circumstances (default 10; timescales.md).
ASSESSMENT_UPDATE_DUE_WORKING_DAYS = 10


def assessment_clock_start(*, episode: Episode, previous: Assessment | None, started_on) -> dt.date:
    """The day the 45 working days count from (day 0).

    The referral date for the first assessment of a referral. An updated assessment in the same
    episode counts from its own start: the referral's clock stopped when the earlier assessment
    was authorised.
    """
    if previous is not None and previous.episode_id == episode.pk:
        return started_on
    return episode.referral_date


def assessment_standard_deadline(
    assessment: Assessment, calendar: WorkingDayCalendar | None = None
) -> dt.date:
    """The 45 working-day deadline (ignoring any shorter target a manager set)."""
    calendar = calendar or council_calendar()
    start = assessment_clock_start(
        episode=assessment.episode, previous=assessment.previous, started_on=assessment.started_on
    )
    return calendar.add_working_days(start, ASSESSMENT_WORKING_DAYS)


@dataclass(frozen=True)
class Timeliness:
    """How an assessment stands against the 45 working-day measure, as of a date."""

    counted_from: dt.date  # the referral (or an updated assessment's start): day 0
    deadline: dt.date  # counted_from + 45 working days
    target_date: dt.date  # the deadline, or a shorter target a manager set
    counted_to: dt.date  # the authorisation date, or the as-of date while open
    working_days: int  # from counted_from to counted_to
    is_complete: bool  # authorised
    within_timescale: bool  # counted_to is on or before the deadline
    days_over: int  # working days after the deadline (0 when within)
    target_met: bool


def assessment_timeliness(
    assessment: Assessment,
    *,
    as_of: dt.date | None = None,
    calendar: WorkingDayCalendar | None = None,
) -> Timeliness:
    """Working days from the referral to authorisation (or to `as_of`, default today, while the
    assessment is open), against the 45 working-day deadline (ASSESSMENT_45WD)."""
    calendar = calendar or council_calendar()
    counted_from = assessment_clock_start(
        episode=assessment.episode, previous=assessment.previous, started_on=assessment.started_on
    )
    deadline = calendar.add_working_days(counted_from, ASSESSMENT_WORKING_DAYS)
    is_complete = assessment.status == AssessmentStatus.AUTHORISED
    counted_to = assessment.authorised_on if is_complete else (as_of or clock.today())
    return Timeliness(
        counted_from=counted_from,
        deadline=deadline,
        target_date=assessment.target_date,
        counted_to=counted_to,
        working_days=calendar.working_days_between(counted_from, counted_to),
        is_complete=is_complete,
        within_timescale=counted_to <= deadline,
        days_over=max(0, calendar.working_days_between(deadline, counted_to)),
        target_met=counted_to <= assessment.target_date,
    )


def child_get(*, pk: int) -> Person | None:
    """A child (or unborn child) by id; the page then checks the user may see them."""
    return Person.objects.filter(pk=pk, kind__in=CHILD_KINDS).first()


def assessment_list_for_child(*, child: Person) -> QuerySet[Assessment]:
    """The child's assessments, newest first, with what the list shows."""
    return (
        Assessment.objects.filter(child=child)
        .select_related("episode", "previous", "authorised_by", "prompted_by")
        .order_by("-started_on", "-pk")
    )


def assessment_get(*, pk: int) -> Assessment | None:
    """An assessment with everything its pages show, in a fixed number of queries."""
    return (
        Assessment.objects.filter(pk=pk)
        .select_related("episode", "child", "previous", "prompted_by", "authorised_by")
        .prefetch_related(
            "identity",
            "factors",
            Prefetch(
                "views",
                queryset=AssessmentView.objects.select_related("person").order_by("holder", "pk"),
            ),
            Prefetch(
                "status_changes",
                queryset=AssessmentStatusChange.objects.select_related("by"),
            ),
        )
        .first()
    )


def assessment_in_progress(*, episode: Episode) -> Assessment | None:
    """The episode's assessment that is not yet authorised, if any (one at a time)."""
    return (
        Assessment.objects.filter(episode=episode)
        .exclude(status=AssessmentStatus.AUTHORISED)
        .order_by("started_on", "pk")
        .first()
    )


def assessment_latest_authorised(*, child: Person) -> Assessment | None:
    return (
        Assessment.objects.filter(child=child, status=AssessmentStatus.AUTHORISED)
        .select_related("episode")
        .order_by("-authorised_on", "-pk")
        .first()
    )


def assessment_missing_for_submission(assessment: Assessment) -> dict[str, str]:
    """What must be recorded before the assessment can go to a manager, field by field.

    Reads the identity aspects, views and factors through their related managers, so a caller
    that prefetched them (assessment_get) pays no extra queries.
    """
    missing = {}
    if not assessment.child_seen_on:
        missing["child_seen_on"] = "Enter the date the child was seen"
    if not assessment.outcome:
        missing["outcome"] = "Select the outcome of the assessment"
    if not assessment.analysis.strip():
        missing["analysis"] = "Enter the analysis"
    complete = {row.aspect for row in assessment.identity.all() if row.is_complete}
    incomplete = [label for value, label in IdentityAspect.choices if value not in complete]
    if incomplete:
        missing["identity"] = (
            "Complete each aspect of the child's identity or say why it is not relevant: "
            + ", ".join(incomplete)
        )
    if not any(view.holder == ViewHolder.CHILD for view in assessment.views.all()):
        missing["views"] = "Record the view of the child"
    if not list(assessment.factors.all()):
        missing["factors"] = "Select the factors identified, or 'No factors identified'"
    return missing


def family_network(*, child: Person) -> QuerySet[Person]:
    """People recorded in the child's family network (either side of a relationship)."""
    relatives = Relationship.objects.filter(person=child).values("relative_id")
    related_to = Relationship.objects.filter(relative=child).values("person_id")
    return Person.objects.filter(Q(pk__in=relatives) | Q(pk__in=related_to)).order_by(
        "family_name", "given_name", "pk"
    )


def significant_event_list_for_child(*, child: Person) -> QuerySet[SignificantEvent]:
    return SignificantEvent.objects.filter(child=child).order_by("-occurred_on", "-pk")


def significant_event_get(*, pk: int) -> SignificantEvent | None:
    return SignificantEvent.objects.filter(pk=pk).select_related("child").first()


@dataclass(frozen=True)
class UpdateDue:
    """A significant event that calls for an updated assessment (ASSESSMENT_UPDATE_DUE)."""

    event: SignificantEvent
    previous: Assessment  # the latest authorised assessment, to start the update from
    due_on: dt.date
    overdue_by: int  # working days after due_on (negative: days left; 0: due today)


def assessment_update_due(
    *,
    child: Person,
    as_of: dt.date | None = None,
    working_days: int = ASSESSMENT_UPDATE_DUE_WORKING_DAYS,
    calendar: WorkingDayCalendar | None = None,
) -> list[UpdateDue]:
    """Significant events after the latest authorised assessment's authorisation with no
    assessment started since, each due an updated assessment within `working_days` working
    days of the event (local rule ASSESSMENT_UPDATE_DUE, default 10)."""
    latest = assessment_latest_authorised(child=child)
    if latest is None:
        return []
    started_since = Assessment.objects.filter(child=child, started_on__gte=OuterRef("occurred_on"))
    events = (
        SignificantEvent.objects.filter(child=child, occurred_on__gt=latest.authorised_on)
        .filter(~Exists(started_since))
        .order_by("occurred_on", "pk")
    )
    calendar = calendar or council_calendar()
    as_of = as_of or clock.today()
    rows = []
    for event in events:
        due_on = calendar.add_working_days(event.occurred_on, working_days)
        rows.append(
            UpdateDue(
                event=event,
                previous=latest,
                due_on=due_on,
                overdue_by=calendar.working_days_between(due_on, as_of),
            )
        )
    return rows
