"""Read the record for a census year: the children in scope and, for each, what the census
derives from (cin-census.md, "Census period and scope").

Set-based and bounded: children are read in batches (`BATCH` at a time) with a fixed number of
queries per batch (persons, identifiers, disabilities, episodes, assessments, factors, plans,
categories, review conferences, S47 enquiries, ICPCs, earlier CP plans and, from 2026/27,
pre-proceedings), never one query per child. What each census element is made of is decided in
`mapping.py`; this module only selects the year's facts, as they stood on the reference date
(anything dated after it has not happened yet: an episode closed after it is open).
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from cairn.casework.models import Assessment, AssessmentFactor, Meeting, MeetingKind, Plan, PlanKind
from cairn.frontdoor.models import Episode
from cairn.legal.models import CareProceedings, PreProceedingsChild, PreProceedingsMeeting
from cairn.legal.returns_mapping import PPFacts
from cairn.people.models import Disability, Identifier, IdentifierSystem, Person, PersonKind
from cairn.protection.models import ConferenceDetail, CPCategory, S47Enquiry

from .period import CensusYear

BATCH = 2000


@dataclass(slots=True)
class AssessmentFacts:
    started_on: dt.date
    authorised_on: dt.date | None
    factors: list[str] = field(default_factory=list)


@dataclass(slots=True)
class PlanFacts:
    pk: int
    started_on: dt.date
    ended_on: dt.date | None
    categories: list[tuple[dt.date, str]] = field(default_factory=list)
    review_dates: list[dt.date] = field(default_factory=list)
    previous_plans: int = 0


@dataclass(slots=True)
class S47Facts:
    started_on: dt.date
    icpc_on: dt.date | None
    icpc_needed: bool | None
    ended_on: dt.date | None


@dataclass(slots=True)
class EpisodeFacts:
    pk: int
    referral_date: dt.date
    source: str
    primary_need: str
    referral_nfa: bool
    closed_on: dt.date | None
    closure_reason: str
    icpc_on: dt.date | None = None  # an ICPC with no S47 (e.g. transfer-in)
    assessments: list[AssessmentFacts] = field(default_factory=list)
    cin_plans: list[PlanFacts] = field(default_factory=list)
    s47s: list[S47Facts] = field(default_factory=list)
    cp_plans: list[PlanFacts] = field(default_factory=list)
    pre_proceedings: list[PPFacts] = field(default_factory=list)

    def contains(self, day: dt.date) -> bool:
        return self.referral_date <= day and (self.closed_on is None or day <= self.closed_on)


@dataclass(slots=True)
class ChildFacts:
    pk: int
    kind: str
    la_child_id: str
    date_of_birth: dt.date | None
    expected_date_of_birth: dt.date | None
    date_of_death: dt.date | None
    sex: str
    ethnicity: str
    upn_unknown_reason: str
    upn: str = ""
    former_upn: str = ""
    disabilities: list[str] = field(default_factory=list)
    episodes: list[EpisodeFacts] = field(default_factory=list)


def _local(value: dt.datetime | dt.date) -> dt.date:
    return timezone.localdate(value) if isinstance(value, dt.datetime) else value


def _as_at(day: dt.date | None, year: CensusYear) -> dt.date | None:
    """A date as known on the reference date: later dates have not happened yet."""
    return day if day is not None and day <= year.reference_date else None


def episodes_in_scope(year: CensusYear):
    """Referred on or before ReferenceDate, open at it or closed in the year; NFA referrals from
    earlier years left out."""
    return (
        Episode.objects.filter(
            referral_date__lte=year.reference_date,
            child__kind__in=(PersonKind.CHILD, PersonKind.UNBORN),
            child__removed_at__isnull=True,
        )
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=year.start))
        .exclude(referral_nfa=True, referral_date__lt=year.start)
    )


def children_in_scope(year: CensusYear) -> list[int]:
    """The ids of every child in scope, in LA child ID order (one query)."""
    return list(
        Person.objects.filter(pk__in=episodes_in_scope(year).values("child_id"))
        .order_by("la_child_id", "pk")
        .values_list("pk", flat=True)
    )


def census_children(year: CensusYear, ids: list[int] | None = None) -> Iterator[ChildFacts]:
    """Every child in scope with their year's facts, in batches of BATCH children."""
    ids = children_in_scope(year) if ids is None else ids
    for i in range(0, len(ids), BATCH):
        yield from _batch(year, ids[i : i + BATCH])


def _batch(year: CensusYear, ids: list[int]) -> list[ChildFacts]:
    ref, start = year.reference_date, year.start
    children = {
        row[0]: ChildFacts(*row)
        for row in Person.objects.filter(pk__in=ids).values_list(
            "pk",
            "kind",
            "la_child_id",
            "date_of_birth",
            "expected_date_of_birth",
            "date_of_death",
            "sex",
            "ethnicity",
            "upn_unknown_reason",
        )
    }
    _identifiers(children, ids, ref)
    for person_id, code in (
        Disability.objects.filter(person_id__in=ids)
        .order_by("code")
        .values_list("person_id", "code")
    ):
        children[person_id].disabilities.append(code)

    episodes: dict[int, EpisodeFacts] = {}
    for row in (
        episodes_in_scope(year)
        .filter(child_id__in=ids)
        .order_by("referral_date", "pk")
        .values_list(
            "pk",
            "child_id",
            "referral_date",
            "source",
            "primary_need",
            "referral_nfa",
            "closed_on",
            "closure_reason",
        )
    ):
        pk, child_id, referral_date, source, need, nfa, closed_on, reason = row
        closed_on = _as_at(closed_on, year)
        episode = EpisodeFacts(
            pk, referral_date, source, need, nfa, closed_on, reason if closed_on else ""
        )
        episodes[pk] = episode
        children[child_id].episodes.append(episode)
    by_child: dict[int, list[EpisodeFacts]] = defaultdict(list)
    for child in children.values():
        by_child[child.pk] = child.episodes

    def episode_for(episode_id: int | None, child_id: int, day: dt.date) -> EpisodeFacts | None:
        if episode_id is not None:
            return episodes.get(episode_id)
        return next((e for e in by_child[child_id] if e.contains(day)), None)

    _assessments(episodes, year)
    _plans(episodes, episode_for, ids, year)
    icpc_by_s47 = _icpcs(episodes, episode_for, ids, year)
    for pk, episode_id, started_on, icpc_needed, ended_on in (
        S47Enquiry.objects.filter(episode_id__in=episodes, started_on__lte=ref)
        .order_by("started_on", "pk")
        .values_list("pk", "episode_id", "started_on", "icpc_needed", "ended_on")
    ):
        icpc_on = icpc_by_s47.get(pk)
        ended_on = _as_at(ended_on, year)
        awaiting = icpc_on is None and icpc_needed is not False
        if (
            year.in_year(icpc_on)
            or started_on >= start
            or (awaiting and (ended_on is None or ended_on >= start))
        ):
            episodes[episode_id].s47s.append(S47Facts(started_on, icpc_on, icpc_needed, ended_on))
    if year.has_pre_proceedings:
        _pre_proceedings(episode_for, ids, year)
    return [children[pk] for pk in ids]


def _identifiers(children: dict[int, ChildFacts], ids: list[int], ref: dt.date) -> None:
    rows = (
        Identifier.objects.filter(
            person_id__in=ids, system__in=(IdentifierSystem.UPN, IdentifierSystem.FORMER_UPN)
        )
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=ref))
        .order_by("valid_from", "pk")
        .values_list("person_id", "system", "value", "valid_to")
    )
    for person_id, system, value, valid_to in rows:
        child = children[person_id]
        if system == IdentifierSystem.FORMER_UPN or (valid_to is not None and valid_to <= ref):
            child.former_upn = value
        else:
            child.upn = value


def _assessments(episodes: dict[int, EpisodeFacts], year: CensusYear) -> None:
    ref, start = year.reference_date, year.start
    kept: dict[int, AssessmentFacts] = {}
    rows = (
        Assessment.objects.filter(episode_id__in=episodes, started_on__lte=ref)
        .exclude(authorised_on__lt=start)
        .order_by("started_on", "pk")
        .values_list("pk", "episode_id", "started_on", "authorised_on")
    )
    for pk, episode_id, started_on, authorised_on in rows:
        facts = AssessmentFacts(started_on, _as_at(authorised_on, year))
        kept[pk] = facts
        episodes[episode_id].assessments.append(facts)
    authorised = [pk for pk, a in kept.items() if a.authorised_on]
    for i in range(0, len(authorised), BATCH * 2):
        for assessment_id, code in (
            AssessmentFactor.objects.filter(assessment_id__in=authorised[i : i + BATCH * 2])
            .order_by("code")
            .values_list("assessment_id", "code")
        ):
            kept[assessment_id].factors.append(code)


def _plans(episodes, episode_for, ids: list[int], year: CensusYear) -> None:
    ref, start = year.reference_date, year.start
    cp_plans: dict[int, PlanFacts] = {}
    plan_child: dict[int, int] = {}
    rows = (
        Plan.objects.filter(
            child_id__in=ids,
            kind__in=(PlanKind.CIN, PlanKind.CP),
            started_on__isnull=False,
            started_on__lte=ref,
        )
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start))
        .order_by("started_on", "pk")
        .values_list("pk", "child_id", "episode_id", "kind", "started_on", "ended_on")
    )
    for pk, child_id, episode_id, kind, started_on, ended_on in rows:
        episode = episode_for(episode_id, child_id, started_on)
        if episode is None:
            continue
        facts = PlanFacts(pk, started_on, _as_at(ended_on, year))
        if kind == PlanKind.CIN:
            episode.cin_plans.append(facts)
        else:
            episode.cp_plans.append(facts)
            cp_plans[pk] = facts
            plan_child[pk] = child_id
    if not cp_plans:
        return
    for plan_id, from_on, category in (
        CPCategory.objects.filter(plan_id__in=cp_plans, from_on__lte=ref)
        .order_by("from_on", "pk")
        .values_list("plan_id", "from_on", "category")
    ):
        cp_plans[plan_id].categories.append((from_on, category))
    for plan_id, held_at in (
        Meeting.objects.filter(plan_id__in=cp_plans, kind=MeetingKind.RCPC)
        .order_by("held_at", "pk")
        .values_list("plan_id", "held_at")
    ):
        day = _local(held_at)
        if year.in_year(day):
            cp_plans[plan_id].review_dates.append(day)
    # NumberOfPreviousCPP: the child's CP plans that started before this one (any year).
    earlier: dict[int, list[dt.date]] = defaultdict(list)
    for child_id, started_on in Plan.objects.filter(
        child_id__in=ids, kind=PlanKind.CP, started_on__isnull=False
    ).values_list("child_id", "started_on"):
        earlier[child_id].append(started_on)
    for pk, facts in cp_plans.items():
        facts.previous_plans = sum(1 for d in earlier[plan_child[pk]] if d < facts.started_on)


def _icpcs(episodes, episode_for, ids: list[int], year: CensusYear) -> dict[int, dt.date]:
    """ICPC dates by S47 (any date up to ReferenceDate); ICPCs with no S47 go on the episode."""
    by_s47: dict[int, dt.date] = {}
    rows = (
        ConferenceDetail.objects.filter(child_id__in=ids, meeting__kind=MeetingKind.ICPC)
        .order_by("meeting__held_at", "pk")
        .values_list("child_id", "s47_id", "meeting__held_at")
    )
    for child_id, s47_id, held_at in rows:
        day = _local(held_at)
        if day > year.reference_date:
            continue
        if s47_id is not None:
            by_s47.setdefault(s47_id, day)
        elif year.in_year(day):
            episode = episode_for(None, child_id, day)
            if episode is not None and episode.icpc_on is None:
                episode.icpc_on = day
    return by_s47


def _pre_proceedings(episode_for, ids: list[int], year: CensusYear) -> None:
    ref, start = year.reference_date, year.start
    rows = list(
        PreProceedingsChild.objects.filter(child_id__in=ids, pre_proceedings__decided_on__lte=ref)
        .filter(
            Q(pre_proceedings__step_decided_on__isnull=True)
            | Q(pre_proceedings__step_decided_on__gte=start)
        )
        .select_related("pre_proceedings")
        .order_by("pre_proceedings__decided_on", "pk")
    )
    if not rows:
        return
    pp_ids = {row.pre_proceedings_id for row in rows}
    meetings: dict[int, list] = defaultdict(list)
    for m in (
        PreProceedingsMeeting.objects.filter(pre_proceedings_id__in=pp_ids)
        .select_related("meeting")
        .order_by("meeting__held_at", "pk")
    ):
        if _local(m.meeting.held_at) <= ref:
            meetings[m.pre_proceedings_id].append(m)
    proceedings: dict[int, CareProceedings] = {}
    for cp in CareProceedings.objects.filter(
        pre_proceedings_id__in=pp_ids, issued_on__lte=ref
    ).order_by("issued_on", "pk"):
        proceedings.setdefault(cp.pre_proceedings_id, cp)
    for row in rows:
        pp = row.pre_proceedings
        episode = episode_for(None, row.child_id, pp.decided_on)
        if episode is None:
            continue
        episode.pre_proceedings.append(
            PPFacts(
                row=row,
                pp=pp,
                child=None,
                meetings=meetings[pp.pk],
                proceedings=proceedings.get(pp.pk),
                proceedings_child=None,
                earlier_pre_proceedings=0,
                earlier_care_proceedings=0,
                cp_plans_in_referral=0,
            )
        )
