"""Caseloads shaped for the team and service pages."""

from dataclasses import dataclass

from django.urls import reverse

from cairn.workforce.models import CaseType
from cairn.workforce.presenters.formatting import one_decimal
from cairn.workforce.selectors.caseload import TeamCaseload


@dataclass(frozen=True)
class WorkerRow:
    name: str
    role: str
    children: int
    by_type: str
    weighted: str
    over_threshold: bool
    caseload_url: str


@dataclass(frozen=True)
class TeamRow:
    name: str
    url: str
    service: str
    workers: int
    children: int
    average: str
    weighted_average: str
    threshold: int
    over_threshold: int
    unallocated: int


def _by_type_text(by_type: dict[str, int]) -> str:
    parts = [
        f"{label}: {by_type[value]}" for value, label in CaseType.choices if by_type.get(value)
    ]
    return ", ".join(parts) or "None"


def worker_rows(caseload: TeamCaseload, *, link_caseloads: bool) -> list[WorkerRow]:
    """The team's workers, the most children first (with a link to each worker's caseload for
    the managers who may open it)."""
    workers = sorted(caseload.workers, key=lambda w: (-w.children, w.worker.last_name))
    return [
        WorkerRow(
            name=w.worker.get_full_name(),
            role=w.worker.role_label,
            children=w.children,
            by_type=_by_type_text(w.by_type),
            weighted=one_decimal(w.weighted),
            over_threshold=w.over_threshold,
            caseload_url=(
                reverse("casework:worker_caseload", args=[w.worker.pk]) if link_caseloads else ""
            ),
        )
        for w in workers
    ]


def team_rows(caseloads: list[TeamCaseload]) -> list[TeamRow]:
    """Teams with the most pressure first: most workers over threshold, then the highest
    weighted caseload, then the most unallocated children."""
    ordered = sorted(
        caseloads,
        key=lambda c: (-c.over_threshold, -(c.weighted_average or 0), -c.unallocated, c.team.name),
    )
    return [
        TeamRow(
            name=c.team.name,
            url=reverse("workforce:team_caseload", args=[c.team.pk]),
            service=c.team.parent.name if c.team.parent else "",
            workers=c.worker_count,
            children=c.team_children,
            average=one_decimal(c.average),
            weighted_average=one_decimal(c.weighted_average),
            threshold=c.team.caseload_threshold,
            over_threshold=c.over_threshold,
            unallocated=c.unallocated,
        )
        for c in ordered
    ]
