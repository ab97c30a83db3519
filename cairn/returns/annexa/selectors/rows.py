"""One generator of row facts per Annex A list (see the package docstring)."""

import datetime as dt
from collections import defaultdict
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
from cairn.earlyhelp.models import EarlyHelpEpisode
from cairn.frontdoor.models import ContactChild, Episode
from cairn.legal.models import LookedAfterPeriod
from cairn.people.models import ImmigrationStatus
from cairn.protection.models import ConferenceDetail, CPCategory, S47Enquiry
from cairn.returns.annexa.period import Period, months_before
from cairn.returns.annexa.selectors.common import (
    CHILD_KINDS,
    AllocationFacts,
    Names,
    grouped,
    local_date,
    local_day_start,
    stream,
    with_children,
)

# ---------------------------------------------------------------------------------------------
# List 1: contacts received in the window, one row per child a contact is about


def contact_rows(period: Period) -> Iterator[dict]:
    queryset = (
        ContactChild.objects.filter(
            contact__received_at__gte=local_day_start(period.window_start),
            contact__received_at__lt=local_day_start(period.reference_date + dt.timedelta(days=1)),
            contact__removed_at__isnull=True,
            child__kind__in=CHILD_KINDS,
        )
        .order_by("contact__received_at", "pk")
        .values("pk", "child_id", "contact__received_at", "contact__source")
    )
    for chunk in stream(queryset):
        with_children(chunk, period)
        for row in chunk:
            row["contact_date"] = local_date(row["contact__received_at"])
            row["source"] = row["contact__source"]
        yield from chunk


# ---------------------------------------------------------------------------------------------
# List 2: early help started in the window, plus early help open on the reference date


def early_help_rows(period: Period) -> Iterator[dict]:
    r = period.reference_date
    queryset = (
        EarlyHelpEpisode.objects.filter(
            Q(started_on__gte=period.window_start, started_on__lte=r)
            | Q(started_on__lte=r) & (Q(ended_on__isnull=True) | Q(ended_on__gt=r))
        )
        .order_by("started_on", "pk")
        .values("pk", "child_id", "started_on", "lead_organisation")
    )
    for chunk in stream(queryset):
        with_children(chunk, period)
        yield from chunk


# ---------------------------------------------------------------------------------------------
# List 3: referrals received in the window (a child can appear more than once)


def _referral_dates(child_ids: set[int], since: dt.date, until: dt.date) -> dict[int, list]:
    dates: dict[int, list[dt.date]] = defaultdict(list)
    for child_id, day in Episode.objects.filter(
        child_id__in=child_ids, referral_date__gte=since, referral_date__lte=until
    ).values_list("child_id", "referral_date"):
        dates[child_id].append(day)
    return dates


def referral_rows(period: Period, names: Names) -> Iterator[dict]:
    r = period.reference_date
    queryset = (
        Episode.objects.filter(referral_date__gte=period.window_start, referral_date__lte=r)
        .order_by("referral_date", "pk")
        .values(
            "pk",
            "child_id",
            "referral_date",
            "source",
            "referral_nfa",
            "closed_on",
            "contact_child__contact__team_id",
            "contact_child__decided_by_id",
        )
    )
    for chunk in stream(queryset):
        with_children(chunk, period, names)
        referrals = _referral_dates(
            {row["child_id"] for row in chunk}, months_before(period.window_start, 12), r
        )
        for row in chunk:
            row["episode_id"] = row["pk"]
            row["child_referral_dates"] = referrals[row["child_id"]]
            # Who took the referral at the front door (for one never allocated, e.g. an NFA).
            team_id = row["contact_child__contact__team_id"]
            decided_by = row["contact_child__decided_by_id"]
            row["front_door"] = (
                AllocationFacts(
                    episode_id=row["pk"],
                    team=names.teams.get(team_id, ""),
                    worker=names.workers.get(decided_by) if decided_by else None,
                    started_on=row["referral_date"],
                    ended_on=row["closed_on"],
                    pk=0,
                )
                if team_id
                else None
            )
        yield from chunk


# ---------------------------------------------------------------------------------------------
# List 4: assessments in the window, including any open during it


def assessment_rows(period: Period, names: Names) -> Iterator[dict]:
    r, start = period.reference_date, period.window_start
    queryset = (
        Assessment.objects.filter(started_on__lte=r, episode__removed_at__isnull=True)
        .filter(
            Q(authorised_on__gte=start)
            | Q(authorised_on__isnull=True)
            & (Q(episode__closed_on__isnull=True) | Q(episode__closed_on__gte=start))
        )
        .order_by("started_on", "pk")
        .values(
            "pk",
            "child_id",
            "episode_id",
            "started_on",
            "child_seen_on",
            "authorised_on",
            "outcome",
            "episode__closed_on",
        )
    )
    for chunk in stream(queryset):
        with_children(chunk, period, names)
        for row in chunk:
            row["closed_on"] = row["episode__closed_on"]
        yield from chunk


# ---------------------------------------------------------------------------------------------
# List 5: S47 enquiries started in the window (one row each), with their ICPC


def _icpcs(child_ids: set[int], since: dt.date, until: dt.date) -> list[dict]:
    return [
        {
            "child_id": c["child_id"],
            "s47_id": c["s47_id"],
            "held_on": local_date(c["meeting__held_at"]),
            "outcome": c["outcome"],
        }
        for c in ConferenceDetail.objects.filter(
            child_id__in=child_ids,
            meeting__kind=MeetingKind.ICPC,
            meeting__removed_at__isnull=True,
            meeting__held_at__gte=local_day_start(since),
            meeting__held_at__lt=local_day_start(until + dt.timedelta(days=1)),
        )
        .order_by("meeting__held_at", "pk")
        .values("child_id", "s47_id", "meeting__held_at", "outcome")
    ]


def s47_rows(period: Period, names: Names) -> Iterator[dict]:
    r = period.reference_date
    queryset = (
        S47Enquiry.objects.filter(started_on__gte=period.window_start, started_on__lte=r)
        .order_by("started_on", "pk")
        .values("pk", "child_id", "episode_id", "started_on", "icpc_needed", "episode__closed_on")
    )
    for chunk in stream(queryset):
        with_children(chunk, period, names)
        child_ids = {row["child_id"] for row in chunk}
        since = months_before(period.window_start, 12)
        s47_dates: dict[int, list[dt.date]] = defaultdict(list)
        for child_id, day in S47Enquiry.objects.filter(
            child_id__in=child_ids, started_on__gte=since, started_on__lte=r
        ).values_list("child_id", "started_on"):
            s47_dates[child_id].append(day)
        icpcs = _icpcs(child_ids, since, r)
        icpc_by_s47 = {c["s47_id"]: c for c in icpcs if c["s47_id"]}
        icpc_dates = grouped(icpcs, "child_id")
        for row in chunk:
            row["closed_on"] = row["episode__closed_on"]
            row["child_s47_dates"] = s47_dates[row["child_id"]]
            row["child_icpc_dates"] = [c["held_on"] for c in icpc_dates.get(row["child_id"], [])]
            row["icpc"] = icpc_by_s47.get(row["pk"])
        yield from chunk


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
        .values("pk", "child_id", "referral_date", "primary_need", "closed_on", "closure_reason")
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
        .values("pk", "child_id", "episode_id", "started_on", "ended_on", "episode__closed_on")
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
        .values("pk", "child_id", "started_on", "legal_status", "ceased_on", "reason_ceased")
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
