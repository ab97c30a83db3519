"""Drift alerts shaped for the pages and the digest: rows with plain-English explanations and a
link to act, and counts by worker, rule and team (ADR 0019). No queries here: names come in
as dicts read once by the selectors."""

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.urls import reverse

from cairn.governance.access import RESTRICTED_NAME
from cairn.people.models import Person
from cairn.people.presenters import format_date
from cairn.timescales.alert_forms import STATUS_LABELS
from cairn.timescales.alert_selectors import STATUSES, TrendWeek
from cairn.timescales.catalogue import CATALOGUE
from cairn.timescales.engine import Alert, Status
from cairn.timescales.links import alert_action_url

STATUS_TAGS = {
    Status.OVERDUE: "govuk-tag--red",
    Status.DUE_SOON: "govuk-tag--yellow",
    Status.FLAG: "govuk-tag--blue",
}
UNIT_WORDS = {"working_days": "working day", "calendar_days": "day"}


@dataclass(frozen=True)
class AlertRow:
    rule: str
    rule_name: str
    status: str
    status_label: str
    status_tag: str
    child_name: str
    la_child_id: str
    child_url: str
    worker_name: str
    team_name: str
    due: str
    timing: str
    explanation: str
    action_url: str


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def timing_text(alert: Alert) -> str:
    """'3 working days overdue', 'due today', '2 days left'; empty for a flag."""
    if alert.status == Status.FLAG or alert.overdue_by is None:
        return ""
    word = UNIT_WORDS.get(alert.unit or "", "day")
    if alert.overdue_by > 0:
        return f"{_plural(alert.overdue_by, word)} overdue"
    if alert.overdue_by == 0:
        return "Due today"
    return f"{_plural(-alert.overdue_by, word)} left"


def alert_rows(
    alerts: Iterable[Alert],
    *,
    children: dict[int, Person],
    workers: dict[int, str],
    teams: dict[int, str],
    hidden: set[int] = frozenset(),
) -> list[AlertRow]:
    """One row per alert; a restricted child the user may not open is shown by ID only."""
    rows = []
    for alert in alerts:
        child = children.get(alert.child_id) if alert.child_id else None
        if child is None:
            name = ""
        elif child.pk in hidden:
            name = RESTRICTED_NAME
        else:
            name = child.full_name
        rows.append(
            AlertRow(
                rule=alert.rule,
                rule_name=CATALOGUE[alert.rule].name if alert.rule in CATALOGUE else alert.rule,
                status=alert.status,
                status_label=STATUS_LABELS.get(alert.status, alert.status),
                status_tag=STATUS_TAGS.get(alert.status, ""),
                child_name=name,
                la_child_id=alert.la_child_id or "",
                child_url=reverse("casework:child_detail", args=[alert.child_id])
                if alert.child_id
                else "",
                worker_name=workers.get(alert.worker_id, "") if alert.worker_id else "",
                team_name=teams.get(alert.team_id, "") if alert.team_id else "",
                due=format_date(alert.due) if alert.due else "",
                timing=timing_text(alert),
                explanation=alert.explanation,
                action_url=alert_action_url(alert),
            )
        )
    return rows


@dataclass(frozen=True)
class CountRow:
    key: object
    label: str
    overdue: int
    due_soon: int
    flag: int
    url: str = ""

    @property
    def total(self) -> int:
        return self.overdue + self.due_soon + self.flag


def count_rows(
    alerts: Iterable[Alert],
    *,
    key: Callable[[Alert], object],
    label: Callable[[object], str],
    url: Callable[[object], str] = lambda _k: "",
) -> list[CountRow]:
    """Counts by status for each value of `key`, most overdue first, then by label."""
    counts: dict[object, Counter] = {}
    for alert in alerts:
        counts.setdefault(key(alert), Counter())[alert.status] += 1
    rows = [
        CountRow(
            k,
            label(k),
            c[Status.OVERDUE],
            c[Status.DUE_SOON],
            c[Status.FLAG],
            url(k),
        )
        for k, c in counts.items()
    ]
    return sorted(rows, key=lambda r: (-r.overdue, -r.total, r.label))


def by_worker(alerts: list[Alert], workers: dict[int, str]) -> list[CountRow]:
    return count_rows(
        alerts,
        key=lambda a: a.worker_id,
        label=lambda k: workers.get(k, "") if k else "No worker allocated",
    )


def by_rule(alerts: list[Alert], *, base_url: str = "", query: str = "") -> list[CountRow]:
    return count_rows(
        alerts,
        key=lambda a: a.rule,
        label=lambda k: f"{CATALOGUE[k].name} ({k})" if k in CATALOGUE else k,
        url=lambda k: f"{base_url}?{query}rule={k}" if base_url else "",
    )


def by_team(alerts: list[Alert], teams: dict[int, str], *, link: bool = True) -> list[CountRow]:
    """Counts by team; each team links to its team page when `link` (the user may open it)."""
    return count_rows(
        alerts,
        key=lambda a: a.team_id,
        label=lambda k: teams.get(k, "") if k else "No team",
        url=lambda k: f"{reverse('timescales:alerts_team')}?team={k}" if k and link else "",
    )


def totals(alerts: list[Alert]) -> dict[str, int]:
    counts = Counter(alert.status for alert in alerts)
    return {status: counts[status] for status in STATUSES} | {"total": sum(counts.values())}


@dataclass(frozen=True)
class TrendRow:
    date: str
    recorded: bool
    overdue: int
    due_soon: int
    flag: int
    total: int


def trend_rows(weeks: list[TrendWeek]) -> list[TrendRow]:
    return [
        TrendRow(
            date=format_date(w.date),
            recorded=w.recorded,
            overdue=w.counts.get(Status.OVERDUE, 0),
            due_soon=w.counts.get(Status.DUE_SOON, 0),
            flag=w.counts.get(Status.FLAG, 0),
            total=w.total,
        )
        for w in weeks
    ]


def as_of_text(day: dt.date) -> str:
    return format_date(day)
