"""The record items on a child's file an auditor or worker can point to as evidence: plan
versions, visits, assessments, case notes and meetings, read through the casework selectors.

A reference is typed (kind + id) and always checked to belong to the child.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from cairn.casework.models import Meeting, MeetingChild, PlanVersion
from cairn.casework.selectors.assessments import assessment_list_for_child
from cairn.casework.selectors.notes import case_note_list_for_child
from cairn.casework.selectors.plans import plan_list_for_child
from cairn.casework.selectors.visits import visit_list_for_child
from cairn.people.models import Person
from cairn.people.presenters import format_date
from cairn.quality.models import RecordKind

ITEMS_PER_KIND = 30  # the most recent of each kind offered as evidence


@dataclass(frozen=True)
class RecordItem:
    kind: str
    id: int
    label: str
    date: dt.date
    created_at: dt.datetime
    url: str

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.id}"

    @property
    def choice_label(self) -> str:
        return f"{RecordKind(self.kind).label}: {self.label}"


@dataclass(frozen=True)
class _Source:
    records: Callable[[Person], QuerySet]
    date_field: str
    date: Callable[[object], dt.date]
    label: Callable[[object], str]
    url_name: str
    url_pk: Callable[[object], int]


def _meetings(child: Person) -> QuerySet[Meeting]:
    about_child = MeetingChild.objects.filter(child=child).values("meeting_id")
    return Meeting.objects.filter(Q(pk__in=about_child) | Q(plan__child=child))


def _plan_versions(child: Person) -> QuerySet[PlanVersion]:
    return PlanVersion.objects.filter(plan__in=plan_list_for_child(child=child)).select_related(
        "plan"
    )


SOURCES: dict[str, _Source] = {
    RecordKind.PLAN_VERSION: _Source(
        records=_plan_versions,
        date_field="made_on",
        date=lambda v: v.made_on,
        label=lambda v: f"{v.plan.get_kind_display()} version {v.number}, {format_date(v.made_on)}",
        url_name="casework:plan_detail",
        url_pk=lambda v: v.plan_id,
    ),
    RecordKind.VISIT: _Source(
        records=lambda child: visit_list_for_child(child=child),
        date_field="visited_on",
        date=lambda v: v.visited_on,
        label=lambda v: f"{v.get_kind_display()}, {format_date(v.visited_on)}",
        url_name="casework:visit_detail",
        url_pk=lambda v: v.pk,
    ),
    RecordKind.ASSESSMENT: _Source(
        records=lambda child: assessment_list_for_child(child=child),
        date_field="started_on",
        date=lambda a: a.started_on,
        label=lambda a: (
            f"Assessment started {format_date(a.started_on)} ({a.get_status_display()})"
        ),
        url_name="casework:assessment_detail",
        url_pk=lambda a: a.pk,
    ),
    RecordKind.CASE_NOTE: _Source(
        records=lambda child: case_note_list_for_child(child=child),
        date_field="occurred_on",
        date=lambda n: n.occurred_on,
        label=lambda n: f"{n.subject}, {format_date(n.occurred_on)}"[:200],
        url_name="casework:case_note_detail",
        url_pk=lambda n: n.pk,
    ),
    RecordKind.MEETING: _Source(
        records=_meetings,
        date_field="held_at",
        date=lambda m: timezone.localdate(m.held_at),
        label=lambda m: f"{m.get_kind_display()}, {format_date(timezone.localdate(m.held_at))}",
        url_name="casework:review_detail",
        url_pk=lambda m: m.pk,
    ),
}


def _url(name: str, pk: int) -> str:
    try:
        return reverse(name, args=[pk])
    except NoReverseMatch:
        return ""


def _item(kind: str, source: _Source, record) -> RecordItem:
    return RecordItem(
        kind=kind,
        id=record.pk,
        label=source.label(record),
        date=source.date(record),
        created_at=record.created_at,
        url=_url(source.url_name, source.url_pk(record)),
    )


def record_items_for_child(
    *, child: Person, made_since: dt.datetime | None = None
) -> list[RecordItem]:
    """The child's record items, newest first: the latest ITEMS_PER_KIND of each kind, or only
    those recorded after `made_since`. One query per kind."""
    items = []
    for kind, source in SOURCES.items():
        records = source.records(child)
        if made_since is not None:
            records = records.filter(created_at__gt=made_since)
        records = records.order_by(f"-{source.date_field}", "-pk")[:ITEMS_PER_KIND]
        items += [_item(kind, source, record) for record in records]
    return sorted(items, key=lambda i: (i.date, i.created_at), reverse=True)


def record_item_get(*, child: Person, kind: str, record_id: int) -> RecordItem | None:
    """One of the child's record items, or None if there is no such item on their file."""
    source = SOURCES.get(kind)
    if source is None:
        return None
    record = source.records(child).filter(pk=record_id).first()
    return _item(kind, source, record) if record is not None else None


def record_item_urls(refs: Iterable[tuple[str, int]]) -> dict[tuple[str, int], str]:
    """The pages of referenced records, for links from an audit: plan versions link to their
    plan (one query for all of them); other kinds to their own page (no query)."""
    refs = set(refs)
    version_ids = [rid for kind, rid in refs if kind == RecordKind.PLAN_VERSION]
    plan_of = dict(
        PlanVersion.objects.filter(pk__in=version_ids).values_list("pk", "plan_id")
        if version_ids
        else []
    )
    urls = {}
    for kind, rid in refs:
        source = SOURCES.get(kind)
        if source is None:
            continue
        if kind == RecordKind.PLAN_VERSION:
            urls[(kind, rid)] = _url(source.url_name, plan_of[rid]) if rid in plan_of else ""
        else:
            urls[(kind, rid)] = _url(source.url_name, rid)
    return urls
