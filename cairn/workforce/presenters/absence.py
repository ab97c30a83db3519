"""Absences, covers and the absent worker's children, for templates."""

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse

from cairn.casework.presenters.child import CaseloadRow, caseload_rows
from cairn.governance.access import RESTRICTED_NAME, restricted_ids_hidden_from
from cairn.people.presenters import format_date
from cairn.workforce.models import Absence, Cover
from cairn.workforce.selectors.absence import AbsentWorkerChild, CoverHeld


def absence_period(absence: Absence) -> str:
    if absence.ended_on:
        return f"{format_date(absence.starts_on)} to {format_date(absence.ended_on)}"
    if absence.expected_end_on:
        return (
            f"From {format_date(absence.starts_on)}, expected back after "
            f"{format_date(absence.expected_end_on)}"
        )
    return f"From {format_date(absence.starts_on)}, return not known"


@dataclass(frozen=True)
class AbsenceRow:
    url: str
    worker: str
    team: str
    kind: str
    period: str
    away_today: bool
    covered_today: bool


def absence_rows(absences, today: dt.date) -> list[AbsenceRow]:
    return [
        AbsenceRow(
            url=reverse("workforce:absence_detail", args=[a.pk]),
            worker=a.worker.get_full_name(),
            team=a.worker.team.name if a.worker.team else "",
            kind=a.get_kind_display(),
            period=absence_period(a),
            away_today=a.starts_on <= today,
            covered_today=a.covered_today,
        )
        for a in absences
    ]


def cover_text(cover: Cover) -> str:
    who = cover.child.full_name if cover.child_id else "all children"
    return (
        f"{cover.cover_worker.get_full_name()}: {who}, "
        f"{format_date(cover.starts_on)} to {format_date(cover.ends_on)}"
    )


@dataclass(frozen=True)
class AbsentChildRow:
    row: CaseloadRow
    cover: str  # '' when no cover is in force today
    cover_url: str
    reallocate_url: str


def absent_child_rows(
    children: list[AbsentWorkerChild], absence: Absence, today: dt.date, *, viewer=None
) -> list[AbsentChildRow]:
    rows = caseload_rows([c.entry for c in children], today, viewer=viewer)
    cover_url = reverse("workforce:cover_set", args=[absence.pk])
    return [
        AbsentChildRow(
            row=row,
            cover=(
                f"{c.covered_by.cover_worker.get_full_name()} until "
                f"{format_date(c.covered_by.ends_on)}"
                if c.covered_by
                else ""
            ),
            cover_url=f"{cover_url}?child={c.entry.child.pk}",
            reallocate_url=reverse("workforce:child_allocate", args=[c.entry.child.pk])
            + f"?absence={absence.pk}",
        )
        for c, row in zip(children, rows, strict=True)
    ]


@dataclass(frozen=True)
class CoverHeldView:
    heading: str
    rows: list[CaseloadRow]


def covers_held_view(held: list[CoverHeld], today: dt.date, *, viewer=None) -> list[CoverHeldView]:
    """The cover worker's home page: "Covering for Sam Whitfield until 20 March 2026". With
    `viewer`, restricted children they may not open are "Restricted record"."""
    views = []
    for item in held:
        cover = item.cover
        heading = (
            f"Covering for {cover.absence.worker.get_full_name()} until "
            f"{format_date(cover.ends_on)}"
        )
        if cover.child_id:
            name = cover.child.full_name
            if viewer is not None and restricted_ids_hidden_from(user=viewer, people=[cover.child]):
                name = RESTRICTED_NAME
            heading += f" ({name} only)"
        rows = caseload_rows(item.entries, today, viewer=viewer)
        views.append(CoverHeldView(heading=heading, rows=rows))
    return views
