"""Chronology entries shaped for pages."""

from dataclasses import dataclass

from django.utils.text import Truncator

from cairn.casework.selectors.chronology import ChronologyEntry
from cairn.people.presenters import format_date

SUMMARY_WORDS = 40


@dataclass(frozen=True)
class AnalysisRow:
    text: str
    by: str
    on: str


@dataclass(frozen=True)
class ChronologyRow:
    date: str
    iso_date: str
    kind: str
    kind_label: str
    record_id: int
    title: str
    summary: str
    by: str
    link: str
    analyses: list[AnalysisRow]
    anchor: str


def chronology_rows(entries: list[ChronologyEntry], *, newest_first: bool = False):
    rows = [
        ChronologyRow(
            date=format_date(e.date),
            iso_date=e.date.isoformat(),
            kind=e.kind,
            kind_label=e.kind_label,
            record_id=e.record_id,
            title=e.title,
            summary=Truncator(e.summary).words(SUMMARY_WORDS),
            by=e.by,
            link=e.link,
            analyses=[
                AnalysisRow(
                    text=a.analysis,
                    by=a.created_by.get_full_name(),
                    on=format_date(a.created_at.date()),
                )
                for a in e.analyses
            ],
            anchor=f"entry-{e.kind}-{e.record_id}",
        )
        for e in entries
    ]
    return list(reversed(rows)) if newest_first else rows
