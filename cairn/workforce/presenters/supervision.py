"""Supervision compliance and sessions shaped for the pages."""

from dataclasses import dataclass

from django.urls import reverse

from cairn.casework.presenters.child import Tag, status_tag
from cairn.people.presenters import format_date
from cairn.workforce.models import SupervisionSession
from cairn.workforce.presenters.formatting import percent
from cairn.workforce.selectors.supervision import TeamSupervision, WorkerSupervision


@dataclass(frozen=True)
class WorkerSupervisionRow:
    name: str
    team: str
    last: str
    due: str
    basis: str
    tag: Tag
    url: str
    record_url: str


@dataclass(frozen=True)
class TeamComplianceRow:
    name: str
    workers: int
    within: int
    share: str
    overdue: int


def worker_supervision_rows(
    rows: list[WorkerSupervision], *, can_record: set[int]
) -> list[WorkerSupervisionRow]:
    """Workers, the longest overdue first. `can_record`: the workers the viewer supervises."""
    return [
        WorkerSupervisionRow(
            name=row.worker.get_full_name(),
            team=row.worker.team.name if row.worker.team_id else "",
            last=format_date(row.last_held_on) if row.last_held_on else "Never",
            due=format_date(row.due),
            basis=row.basis,
            tag=status_tag(row.status),
            url=reverse("workforce:worker_supervision", args=[row.worker.pk]),
            record_url=(
                reverse("workforce:supervision_record", args=[row.worker.pk])
                if row.worker.pk in can_record
                else ""
            ),
        )
        for row in sorted(rows, key=lambda r: (r.due, r.worker.last_name))
    ]


def compliance_rows(teams: list[TeamSupervision]) -> list[TeamComplianceRow]:
    """Every team side by side, in name order so teams are easy to find and compare."""
    return [
        TeamComplianceRow(
            name=team.team.name,
            workers=len(team.workers),
            within=team.within,
            share=percent(team.share),
            overdue=len(team.overdue),
        )
        for team in sorted(teams, key=lambda t: t.team.name)
    ]


@dataclass(frozen=True)
class SessionRow:
    date: str
    kind: str
    supervisor: str
    children: list[str]
    url: str


def session_rows(sessions) -> list[SessionRow]:
    return [
        SessionRow(
            date=format_date(s.held_on),
            kind=s.get_kind_display(),
            supervisor=s.supervisor.get_full_name(),
            children=[e.child.full_name for e in s.oversight_entries.all()],
            url=reverse("workforce:supervision_session", args=[s.pk]),
        )
        for s in sessions
    ]


def session_summary(session: SupervisionSession) -> list[tuple[str, str]]:
    return [
        ("Worker", session.worker.get_full_name()),
        ("Supervisor", session.supervisor.get_full_name()),
        ("Date", format_date(session.held_on)),
        ("Type", session.get_kind_display()),
        ("Wellbeing, learning and development", session.notes or "Not recorded"),
    ]
