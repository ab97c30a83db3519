"""The senior oversight trackers (issue 5): every child in pre-proceedings, and every set of
care proceedings not concluded, with how long they have run against their limit.

The two deadlines are one function each, so the drift engine (timescales) reuses them:
- PLO_DURATION (local, default 16 weeks): pre-proceedings are open with no outcome; the clock
  starts at the letter before proceedings (timescales.md), or at the decision while no letter
  has been sent, so a slow letter is not hidden; extensions agreed at a step decision add their
  weeks.
- PROCEEDINGS_26W (statutory, Children Act 1989 s32(1)(a)): issue date + 26 weeks, plus every
  extension the court granted.

Each tracker is one query for the rows (aggregates as subqueries, scoped to the children the
user may see) and one for the children, whatever the number of rows.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, Max, Min, OuterRef, Prefetch, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from cairn.accounts.models import User
from cairn.casework.models import MeetingKind
from cairn.legal.models import (
    CareProceedings,
    CareProceedingsChild,
    Hearing,
    PreProceedings,
    PreProceedingsChild,
    PreProceedingsExtension,
    PreProceedingsMeeting,
    ProceedingsExtension,
)
from cairn.people.selectors import child_list_visible_to

PLO_DEFAULT_WEEKS = 16  # PLO_DURATION local default (timescales.md)
PROCEEDINGS_WEEKS = 26  # PROCEEDINGS_26W (statutory)
# Tracker delay flags (Cairn's own prompts for service managers; not drift rules).
LETTER_DAYS = 14  # letter before proceedings not sent two weeks after the decision
INITIAL_MEETING_DAYS = 28  # no initial meeting four weeks after the letter
MEETING_GAP_DAYS = 42  # no pre-proceedings meeting for six weeks
DUE_SOON_DAYS = 14  # the limit falls within two weeks
PROCEEDINGS_DUE_SOON_DAYS = 28  # the 26-week date falls within four weeks


def plo_clock_start(*, decided_on: dt.date, letter_sent_on: dt.date | None) -> dt.date:
    """The PLO clock starts at the letter before proceedings (or the decision until sent)."""
    return letter_sent_on or decided_on


def plo_deadline(
    *,
    decided_on: dt.date,
    letter_sent_on: dt.date | None,
    extension_weeks: int = 0,
    limit_weeks: int = PLO_DEFAULT_WEEKS,
) -> dt.date:
    """PLO_DURATION: clock start + the local limit in weeks + every extension agreed."""
    start = plo_clock_start(decided_on=decided_on, letter_sent_on=letter_sent_on)
    return start + dt.timedelta(weeks=limit_weeks + extension_weeks)


def proceedings_deadline(*, issued_on: dt.date, extension_weeks: int = 0) -> dt.date:
    """PROCEEDINGS_26W: issue + 26 weeks + every extension the court granted."""
    return issued_on + dt.timedelta(weeks=PROCEEDINGS_WEEKS + extension_weeks)


def _sum_weeks(model, fk: str):
    rows = (
        model.objects.filter(**{fk: OuterRef("pk")})
        .order_by()
        .values(fk)
        .annotate(total=Sum("weeks"))
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def _meeting_agg(agg, kind: str | None = None):
    rows = PreProceedingsMeeting.objects.filter(pre_proceedings=OuterRef("pk"))
    if kind:
        rows = rows.filter(meeting__kind=kind)
    return Subquery(
        rows.order_by().values("pre_proceedings").annotate(v=agg("meeting__held_at")).values("v")
    )


def pre_proceedings_open(*, user: User):
    """Open pre-proceedings (no step decision to end them) with a child the user may see,
    annotated with what the tracker and the drift rule read."""
    visible = PreProceedingsChild.objects.filter(child__in=child_list_visible_to(user=user))
    review_count = (
        PreProceedingsMeeting.objects.filter(
            pre_proceedings=OuterRef("pk"), meeting__kind=MeetingKind.PP_REVIEW
        )
        .order_by()
        .values("pre_proceedings")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        PreProceedings.objects.filter(outcome="", pk__in=visible.values("pre_proceedings_id"))
        .annotate(
            extension_weeks=_sum_weeks(PreProceedingsExtension, "pre_proceedings"),
            initial_at=_meeting_agg(Min, MeetingKind.PP_INITIAL),
            last_meeting_at=_meeting_agg(Max),
            review_count=Coalesce(Subquery(review_count, output_field=IntegerField()), 0),
        )
        .prefetch_related(
            Prefetch("children", queryset=PreProceedingsChild.objects.select_related("child"))
        )
        .order_by("decided_on", "pk")
    )


@dataclass
class PreProceedingsRow:
    pp: PreProceedings
    children: list
    start: dt.date
    weeks_elapsed: int
    days_over_weeks: int
    limit_weeks: int
    deadline: dt.date
    initial_on: dt.date | None
    last_meeting_on: dt.date | None
    next_step: str
    flags: list[str] = field(default_factory=list)


def _day(value) -> dt.date | None:
    return timezone.localdate(value) if value else None


def _pp_next_step_and_flags(pp, *, today, initial_on, last_on, deadline) -> tuple[str, list]:
    flags = []
    if pp.letter_sent_on is None:
        step = "Send the letter before proceedings"
        if (today - pp.decided_on).days > LETTER_DAYS:
            flags.append("Letter not sent")
    elif initial_on is None:
        step = "Hold the initial pre-proceedings meeting"
        if (today - pp.letter_sent_on).days > INITIAL_MEETING_DAYS:
            flags.append("No initial meeting")
    else:
        step = "Review meeting or step decision"
        if last_on and (today - last_on).days > MEETING_GAP_DAYS:
            flags.append("No meeting for 6 weeks")
    if today > deadline:
        flags.append("Over the limit")
    elif (deadline - today).days <= DUE_SOON_DAYS:
        flags.append("Limit within 2 weeks")
    return step, flags


def pre_proceedings_tracker(
    *, user: User, today: dt.date, limit_weeks: int = PLO_DEFAULT_WEEKS
) -> list[PreProceedingsRow]:
    """Every open pre-proceedings period the user may see: start, letter, meetings, whole
    weeks elapsed since the clock started, the limit (with extensions), the next step and any
    delay flags, longest-running first."""
    rows = []
    for pp in pre_proceedings_open(user=user):
        start = plo_clock_start(decided_on=pp.decided_on, letter_sent_on=pp.letter_sent_on)
        deadline = plo_deadline(
            decided_on=pp.decided_on,
            letter_sent_on=pp.letter_sent_on,
            extension_weeks=pp.extension_weeks,
            limit_weeks=limit_weeks,
        )
        initial_on, last_on = _day(pp.initial_at), _day(pp.last_meeting_at)
        step, flags = _pp_next_step_and_flags(
            pp, today=today, initial_on=initial_on, last_on=last_on, deadline=deadline
        )
        elapsed = max((today - start).days, 0)
        rows.append(
            PreProceedingsRow(
                pp=pp,
                children=[row.child for row in pp.children.all()],
                start=start,
                weeks_elapsed=elapsed // 7,
                days_over_weeks=elapsed % 7,
                limit_weeks=limit_weeks + pp.extension_weeks,
                deadline=deadline,
                initial_on=initial_on,
                last_meeting_on=last_on,
                next_step=step,
                flags=flags,
            )
        )
    return sorted(rows, key=lambda r: (r.start, r.pp.pk))


def proceedings_open(*, user: User, today: dt.date):
    """Care proceedings not concluded with a child the user may see, annotated with the weeks
    of extension granted, how many, and the next hearing on or after `today`."""
    visible = CareProceedingsChild.objects.filter(child__in=child_list_visible_to(user=user))
    next_hearing = Hearing.objects.filter(proceedings=OuterRef("pk"), held_on__gte=today).order_by(
        "held_on", "pk"
    )
    extensions = (
        ProceedingsExtension.objects.filter(proceedings=OuterRef("pk"))
        .order_by()
        .values("proceedings")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        CareProceedings.objects.filter(
            concluded_on__isnull=True, pk__in=visible.values("proceedings_id")
        )
        .annotate(
            extension_weeks=_sum_weeks(ProceedingsExtension, "proceedings"),
            extension_count=Coalesce(Subquery(extensions, output_field=IntegerField()), 0),
            next_hearing_on=Subquery(next_hearing.values("held_on")[:1]),
            next_hearing_kind=Subquery(next_hearing.values("kind")[:1]),
        )
        .prefetch_related(
            Prefetch("children", queryset=CareProceedingsChild.objects.select_related("child"))
        )
        .order_by("issued_on", "pk")
    )


@dataclass
class ProceedingsRow:
    proceedings: CareProceedings
    children: list
    weeks_since_issue: int
    days_over_weeks: int
    week_26_on: dt.date
    deadline: dt.date
    next_hearing_on: dt.date | None
    next_hearing_kind: str
    flags: list[str] = field(default_factory=list)


def proceedings_tracker(*, user: User, today: dt.date) -> list[ProceedingsRow]:
    """Every set of care proceedings not concluded that the user may see: whole weeks since
    issue, the next hearing, the 26-week date, the date with extensions and delay flags."""
    rows = []
    for cp in proceedings_open(user=user, today=today):
        deadline = proceedings_deadline(issued_on=cp.issued_on, extension_weeks=cp.extension_weeks)
        elapsed = max((today - cp.issued_on).days, 0)
        flags = []
        if today > deadline:
            flags.append("Beyond 26 weeks and extensions")
        elif (deadline - today).days <= PROCEEDINGS_DUE_SOON_DAYS:
            flags.append("Limit within 4 weeks")
        if cp.next_hearing_on is None:
            flags.append("No hearing listed")
        rows.append(
            ProceedingsRow(
                proceedings=cp,
                children=[row.child for row in cp.children.all()],
                weeks_since_issue=elapsed // 7,
                days_over_weeks=elapsed % 7,
                week_26_on=proceedings_deadline(issued_on=cp.issued_on),
                deadline=deadline,
                next_hearing_on=cp.next_hearing_on,
                next_hearing_kind=cp.next_hearing_kind or "",
                flags=flags,
            )
        )
    return rows
