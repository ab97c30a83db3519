"""The record items of audited children, read once for all of them (one query per kind), for
the evidence an auditor or worker points to."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from cairn.casework.models import Assessment, CaseNote, PlanVersion, Visit
from cairn.quality.models import RecordKind
from cairn.quality.selectors.records import SOURCES


@dataclass(frozen=True)
class Item:
    kind: str
    id: int
    label: str
    date: dt.date


# Which kinds of record evidence each domain.
DOMAIN_KINDS = {
    "child_voice": (RecordKind.VISIT,),
    "assessment": (RecordKind.ASSESSMENT,),
    "plan": (RecordKind.PLAN_VERSION,),
    "oversight": (RecordKind.CASE_NOTE,),
    "timeliness": (RecordKind.ASSESSMENT, RecordKind.VISIT),
    "impact": (RecordKind.PLAN_VERSION, RecordKind.VISIT),
}


class ChildRecords:
    def __init__(self, child_ids: set[int], as_of: dt.date):
        self.items: dict[int, list[Item]] = defaultdict(list)
        queries = [
            (RecordKind.VISIT, Visit.objects.filter(child_id__in=child_ids)),
            (RecordKind.CASE_NOTE, CaseNote.objects.filter(child_id__in=child_ids)),
            (RecordKind.ASSESSMENT, Assessment.objects.filter(child_id__in=child_ids)),
            (
                RecordKind.PLAN_VERSION,
                PlanVersion.objects.filter(plan__child_id__in=child_ids).select_related("plan"),
            ),
        ]
        for kind, records in queries:
            source = SOURCES[kind]
            for record in records.order_by("pk").iterator():
                owner = record.plan if kind == RecordKind.PLAN_VERSION else record
                child_id = owner.child_id
                day = source.date(record)
                if day <= as_of:
                    self.items[child_id].append(
                        Item(kind=kind, id=record.pk, label=source.label(record)[:200], date=day)
                    )
        for items in self.items.values():
            items.sort(key=lambda i: (i.date, i.kind, i.id))

    def before(self, child_id: int, day: dt.date, kinds: tuple[str, ...], n: int) -> list[Item]:
        """The latest `n` items of `kinds` dated on or before `day`."""
        found = [i for i in self.items.get(child_id, []) if i.kind in kinds and i.date <= day]
        return found[-n:] if n else []

    def between(self, child_id: int, start: dt.date, end: dt.date) -> list[Item]:
        return [i for i in self.items.get(child_id, []) if start <= i.date <= end]
