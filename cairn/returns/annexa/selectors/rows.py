"""One generator of row facts per Annex A list, Lists 1-5: the front door, early help,
assessments and S47 enquiries (see the package docstring; Lists 6-8 are in `cases.py`)."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from django.db.models import Q

from cairn.casework.models import (
    Assessment,
    MeetingKind,
)
from cairn.earlyhelp.models import EarlyHelpEpisode
from cairn.frontdoor.models import ContactChild, Episode
from cairn.protection.models import ConferenceDetail, S47Enquiry
from cairn.returns.annexa.period import Period, months_before
from cairn.returns.annexa.selectors.common import (
    CHILD_FIELDS,
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
        .values("pk", "child_id", *CHILD_FIELDS, "contact__received_at", "contact__source")
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
        .values("pk", "child_id", *CHILD_FIELDS, "started_on", "lead_organisation")
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
            *CHILD_FIELDS,
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
            *CHILD_FIELDS,
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
        .values(
            "pk",
            "child_id",
            *CHILD_FIELDS,
            "episode_id",
            "started_on",
            "icpc_needed",
            "episode__closed_on",
        )
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
