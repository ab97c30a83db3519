"""One generator of row facts per Annex A list, Lists 6-8: children in need, child protection
and children in care (see the package docstring)."""

import datetime as dt
from collections.abc import Iterable, Iterator

from django.db.models import Max, Q

from cairn.casework.models import (
    Assessment,
    Meeting,
    MeetingKind,
    Plan,
    PlanKind,
    SignificantEvent,
    SignificantEventType,
    Visit,
    VisitKind,
)
from cairn.frontdoor.models import Episode
from cairn.legal.models import LookedAfterPeriod
from cairn.people.models import ImmigrationStatus
from cairn.protection.models import CPCategory
from cairn.returns.annexa.period import Period
from cairn.returns.annexa.selectors.common import (
    CHILD_FIELDS,
    Names,
    grouped,
    local_date,
    local_day_start,
    stream,
    with_children,
)

# ---------------------------------------------------------------------------------------------
# Case status facts (List 6) and looked-after facts (Lists 6, 7, 8)


def _looked_after(child_ids: set[int], until: dt.date) -> dict[int, list[dict]]:
    return grouped(
        LookedAfterPeriod.objects.filter(child_id__in=child_ids, started_on__lte=until)
        .order_by("started_on", "pk")
        .values("pk", "child_id", "started_on", "legal_status", "ceased_on", "reason_ceased"),
        "child_id",
    )


def _plans(child_ids: set[int], kinds: Iterable[str], until: dt.date) -> dict[int, list[dict]]:
    return grouped(
        Plan.objects.filter(
            child_id__in=child_ids, kind__in=list(kinds), started_on__lte=until
        ).values("pk", "child_id", "kind", "started_on", "ended_on"),
        "child_id",
    )


# ---------------------------------------------------------------------------------------------
# List 6: children in need: episodes open at any time in the window (not referral-only)


def cin_rows(period: Period, names: Names) -> Iterator[dict]:
    r, start = period.reference_date, period.window_start
    queryset = (
        Episode.objects.filter(referral_date__lte=r, referral_nfa=False)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=start))
        .order_by("referral_date", "pk")
        .values(
            "pk",
            "child_id",
            *CHILD_FIELDS,
            "referral_date",
            "primary_need",
            "closed_on",
            "closure_reason",
        )
    )
    for chunk in stream(queryset):
        with_children(chunk, period, names)
        child_ids = {row["child_id"] for row in chunk}
        episode_ids = {row["pk"] for row in chunk}
        last_seen = dict(
            Visit.objects.filter(
                episode_id__in=episode_ids,
                child_seen=True,
                kind__in=[VisitKind.CIN, VisitKind.CP],
                visited_on__lte=r,
            )
            .values("episode_id")
            .annotate(last=Max("visited_on"))
            .values_list("episode_id", "last")
        )
        open_assessments = set(
            Assessment.objects.filter(episode_id__in=episode_ids, started_on__lte=r)
            .filter(Q(authorised_on__isnull=True) | Q(authorised_on__gt=r))
            .values_list("episode_id", flat=True)
        )
        looked_after = _looked_after(child_ids, r)
        plans = _plans(child_ids, [PlanKind.CIN, PlanKind.CP], r)
        for row in chunk:
            row["episode_id"] = row["pk"]
            row["last_seen_on"] = last_seen.get(row["pk"])
            row["has_open_assessment"] = row["pk"] in open_assessments
            row["looked_after_periods"] = looked_after.get(row["child_id"], [])
            row["plans"] = plans.get(row["child_id"], [])
        yield from chunk


# ---------------------------------------------------------------------------------------------
# List 7: CP plans open on the reference date, plus plans ended in the window


def cp_rows(period: Period, names: Names) -> Iterator[dict]:
    r, start = period.reference_date, period.window_start
    queryset = (
        Plan.objects.filter(kind=PlanKind.CP, started_on__isnull=False, started_on__lte=r)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start))
        .order_by("started_on", "pk")
        .values(
            "pk",
            "child_id",
            *CHILD_FIELDS,
            "episode_id",
            "started_on",
            "ended_on",
            "episode__closed_on",
        )
    )
    for chunk in stream(queryset):
        with_children(chunk, period, names)
        child_ids = {row["child_id"] for row in chunk}
        plan_ids = {row["pk"] for row in chunk}
        categories = grouped(
            CPCategory.objects.filter(plan_id__in=plan_ids, from_on__lte=r)
            .order_by("from_on", "pk")
            .values("plan_id", "category"),
            "plan_id",
        )
        reviews = dict(
            Meeting.objects.filter(plan_id__in=plan_ids, kind=MeetingKind.RCPC)
            .filter(held_at__lt=local_day_start(r + dt.timedelta(days=1)))
            .values("plan_id")
            .annotate(last=Max("held_at"))
            .values_list("plan_id", "last")
        )
        earliest = min(row["started_on"] for row in chunk)
        visits = grouped(
            Visit.objects.filter(
                child_id__in=child_ids,
                kind=VisitKind.CP,
                visited_on__gte=earliest,
                visited_on__lte=r,
            )
            .order_by("visited_on", "pk")
            .values("child_id", "visited_on", "child_seen", "seen_alone"),
            "child_id",
        )
        looked_after = _looked_after(child_ids, r)
        plans = _plans(child_ids, [PlanKind.CP], r)
        for row in chunk:
            row["closed_on"] = row["episode__closed_on"]
            row["categories"] = [c["category"] for c in categories.get(row["pk"], [])]
            last_review = reviews.get(row["pk"])
            row["last_review_on"] = local_date(last_review) if last_review else None
            row["cp_visits"] = visits.get(row["child_id"], [])
            row["looked_after_periods"] = looked_after.get(row["child_id"], [])
            row["plans"] = plans.get(row["child_id"], [])
        yield from chunk


# ---------------------------------------------------------------------------------------------
# List 8: looked after on the reference date, plus care ceased in the window


def looked_after_rows(period: Period, names: Names) -> Iterator[dict]:
    r, start = period.reference_date, period.window_start
    queryset = (
        LookedAfterPeriod.objects.filter(started_on__lte=r)
        .filter(Q(ceased_on__isnull=True) | Q(ceased_on__gte=start))
        .order_by("started_on", "pk")
        .values(
            "pk",
            "child_id",
            *CHILD_FIELDS,
            "started_on",
            "legal_status",
            "ceased_on",
            "reason_ceased",
        )
    )
    for chunk in stream(queryset):
        with_children(chunk, period, names)
        child_ids = {row["child_id"] for row in chunk}
        earliest = min(row["started_on"] for row in chunk)
        looked_after = _looked_after(child_ids, r)
        uasc = grouped(
            ImmigrationStatus.objects.filter(person_id__in=child_ids, status="UASC")
            .filter(Q(started_on__isnull=True) | Q(started_on__lte=r))
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=period.year_start))
            .values("person_id"),
            "person_id",
        )
        episodes = grouped(
            Episode.objects.filter(child_id__in=child_ids, referral_date__lte=r)
            .order_by("referral_date", "pk")
            .values("pk", "child_id", "referral_date", "closed_on", "primary_need"),
            "child_id",
        )
        visits = grouped(
            Visit.objects.filter(
                child_id__in=child_ids, visited_on__gte=earliest, visited_on__lte=r
            )
            .order_by("visited_on")
            .values("child_id", "visited_on"),
            "child_id",
        )
        missing = grouped(
            SignificantEvent.objects.filter(
                child_id__in=child_ids,
                type=SignificantEventType.MISSING,
                occurred_on__gte=max(period.year_start, earliest),
                occurred_on__lte=r,
            ).values("child_id", "occurred_on"),
            "child_id",
        )
        for row in chunk:
            row["closed_on"] = row["ceased_on"]
            row["looked_after_periods"] = looked_after.get(row["child_id"], [])
            row["uasc_in_year"] = row["child_id"] in uasc
            row["episodes"] = episodes.get(row["child_id"], [])
            row["visit_dates"] = [v["visited_on"] for v in visits.get(row["child_id"], [])]
            row["missing_dates"] = [m["occurred_on"] for m in missing.get(row["child_id"], [])]
        yield from chunk
