"""Flags on the quality of open plans: PLAN_NO_CONTINGENCY, PLAN_OUTCOME_NOT_MEASURED,
NO_CHILD_PARTICIPATION (shared/domain/timescales.md). One query for all three.

A plan's current version on D is its latest version authorised on or before D.
"""

from django.db.models import Case, CharField, Exists, OuterRef, Q, Subquery, Value, When

from cairn.casework.models import (
    Contingency,
    ContingencyNetworkMember,
    Meeting,
    MeetingKind,
    Outcome,
    OutcomeRating,
    Plan,
    PlanKind,
    PlanVersion,
)
from cairn.casework.models.meetings import MeetingChild
from cairn.timescales.engine.base import Alert, Context, Target

# The meetings that review each kind of plan (a CP plan's first is the ICPC).
CP_CONFERENCES = (MeetingKind.ICPC, MeetingKind.RCPC)


def _review_kind(which: int) -> Case:
    return Case(
        When(kind=PlanKind.CP, then=Value(CP_CONFERENCES[which])),
        default=Value(MeetingKind.CIN_REVIEW),
        output_field=CharField(),
    )


def plan_practice(ctx: Context, codes: set[str]) -> list[Alert]:
    """PLAN_NO_CONTINGENCY: the current version has no complete contingency (triggers, response,
    who acts and at least one family network member considered; the same parts as
    casework.selectors.plans.contingency_missing_parts).
    PLAN_OUTCOME_NOT_MEASURED: an outcome of the current version has no measure, no baseline
    (scale measures) or no rating on or before D (on it or the outcome it was carried from).
    NO_CHILD_PARTICIPATION: the latest review or conference of the plan on or before D has no
    record of how the child took part or why not."""
    current_version = (
        PlanVersion.objects.filter(plan_id=OuterRef("pk"), authorised_on__lte=ctx.as_of)
        .order_by("-number")
        .values("pk")[:1]
    )
    complete_contingency = Contingency.objects.filter(
        Exists(ContingencyNetworkMember.objects.filter(contingency_id=OuterRef("pk"))),
        plan_version_id=OuterRef("current_version"),
    ).exclude(Q(triggers="") | Q(response="") | Q(who_acts=""))
    rated = OutcomeRating.objects.filter(
        Q(outcome_id=OuterRef("pk")) | Q(outcome_id=OuterRef("previous_id")),
        Q(score__isnull=False) | Q(indicator_met__isnull=False),
        rated_on__lte=ctx.as_of,
    )
    unmeasured = (
        Outcome.objects.filter(plan_version_id=OuterRef("current_version"))
        .filter(
            Q(measure_source="")
            | (Q(baseline__isnull=True) & ~Q(measure_source="indicator"))
            | ~Exists(rated)
        )
        .order_by("position")
        .values("pk")[:1]
    )
    # The latest review of the plan: linked to it, or about its child (two indexed lookups,
    # far cheaper than one OR across the join on a large council).
    review_kind = Q(kind=OuterRef("review_kind_a")) | Q(kind=OuterRef("review_kind_b"))
    child_review_kind = Q(meeting__kind=OuterRef("review_kind_a")) | Q(
        meeting__kind=OuterRef("review_kind_b")
    )
    by_plan = Meeting.objects.filter(
        ctx.held_by_d(),
        review_kind,
        plan_id=OuterRef("pk"),
        held_at__date__gte=OuterRef("started_on"),
    ).order_by("-held_at")
    by_child = MeetingChild.objects.filter(
        ctx.held_by_d("meeting__"),
        child_review_kind,
        child_id=OuterRef("child_id"),
        meeting__held_at__date__gte=OuterRef("started_on"),
    ).order_by("-meeting__held_at")

    def took_part(meeting: str) -> Exists:
        return Exists(
            MeetingChild.objects.filter(
                meeting_id=OuterRef(meeting), child_id=OuterRef("child_id")
            ).exclude(participation="", participation_note="")
        )

    rows = (
        Plan.objects.filter(
            ctx.open_children_q(), ctx.open_plan_q(), kind__in=[PlanKind.CIN, PlanKind.CP]
        )
        .annotate(
            current_version=Subquery(current_version),
            review_kind_a=_review_kind(0),
            review_kind_b=_review_kind(1),
        )
        .filter(current_version__isnull=False)
        .annotate(
            has_contingency=Exists(complete_contingency),
            unmeasured=Subquery(unmeasured),
            plan_meeting=Subquery(by_plan.values("pk")[:1]),
            plan_meeting_at=Subquery(by_plan.values("held_at")[:1]),
            child_meeting=Subquery(by_child.values("meeting_id")[:1]),
            child_meeting_at=Subquery(by_child.values("meeting__held_at")[:1]),
        )
        .annotate(
            plan_took_part=took_part("plan_meeting"), child_took_part=took_part("child_meeting")
        )
        .values(
            "child_id",
            "kind",
            "current_version",
            "has_contingency",
            "unmeasured",
            "plan_meeting",
            "plan_meeting_at",
            "plan_took_part",
            "child_meeting",
            "child_meeting_at",
            "child_took_part",
        )
    )
    alerts = []
    for row in rows:
        child_id, kind, version_id = row["child_id"], row["kind"], row["current_version"]
        has_contingency, unmeasured_id = row["has_contingency"], row["unmeasured"]
        meeting_id, took = _latest_review(row)
        plan_name = PlanKind(kind).label.lower()
        if "PLAN_NO_CONTINGENCY" in codes and not has_contingency:
            alerts.append(
                ctx.flag(
                    "PLAN_NO_CONTINGENCY",
                    explanation=f"The current {plan_name} has no complete contingency "
                    "arrangement (what would show it is not working, what will then happen, "
                    "who acts and the family network considered).",
                    target=Target("casework.PlanVersion", version_id),
                    child_id=child_id,
                )
            )
        if "PLAN_OUTCOME_NOT_MEASURED" in codes and unmeasured_id:
            alerts.append(
                ctx.flag(
                    "PLAN_OUTCOME_NOT_MEASURED",
                    explanation=f"An outcome of the current {plan_name} has no measure of its "
                    "impact for the child (a baseline and a latest score or rating).",
                    target=Target("casework.Outcome", unmeasured_id),
                    child_id=child_id,
                )
            )
        if "NO_CHILD_PARTICIPATION" in codes and meeting_id and not took:
            alerts.append(
                ctx.flag(
                    "NO_CHILD_PARTICIPATION",
                    explanation=f"The latest review of the {plan_name} does not record how the "
                    "child took part, or why not.",
                    target=Target("casework.Meeting", meeting_id),
                    child_id=child_id,
                )
            )
    return alerts


def _latest_review(row: dict) -> tuple[int | None, bool]:
    """The later of the plan's latest linked review and its child's latest review, and whether
    the child's participation is recorded on it."""
    reviews = [
        (row[f"{source}_meeting_at"], row[f"{source}_meeting"], row[f"{source}_took_part"])
        for source in ("plan", "child")
        if row[f"{source}_meeting"]
    ]
    if not reviews:
        return None, False
    _at, meeting_id, took = max(reviews)
    return meeting_id, took
