"""A worker's caseload: the children allocated to them, with where each is on the journey, their
most urgent drift alert (the engine's) and the last visit, in a fixed number of queries whatever
the caseload's size."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery

from cairn.accounts.models import User
from cairn.accounts.selectors import team_ids_managed_by
from cairn.casework.models import Visit
from cairn.casework.rules import MANAGERS
from cairn.core.working_days import WorkingDayCalendar
from cairn.frontdoor.models import Level, LevelTransition
from cairn.people.models import Person
from cairn.people.selectors import child_list_allocated_to, child_list_visible_to
from cairn.timescales.engine import Alert, alerts_as_of


@dataclass(frozen=True)
class CaseloadEntry:
    child: Person
    level: str
    next_due: Alert | None  # the most urgent alert
    last_visit: dt.date | None
    alert_count: int = 0


def caseload_for_worker(
    *, worker: User, viewer: User, today: dt.date, calendar: WorkingDayCalendar
) -> list[CaseloadEntry]:
    """Children currently allocated to `worker` that `viewer` may see (the worker themselves,
    or a manager of their team), with the level each is at, the most urgent of the engine's
    alerts (overdue, then due soon, then flags) and the date of the last visit."""
    latest_level = (
        LevelTransition.objects.filter(child_id=OuterRef("pk"))
        .order_by("-occurred_on", "-id")
        .values("to_level")[:1]
    )
    last_visit = (
        Visit.objects.filter(child_id=OuterRef("pk"), visited_on__lte=today)
        .order_by("-visited_on")
        .values("visited_on")[:1]
    )
    children = list(
        child_list_allocated_to(user=worker)
        .filter(pk__in=child_list_visible_to(user=viewer).values("pk"))
        .annotate(latest_level=Subquery(latest_level), last_visit=Subquery(last_visit))
    )
    alerts: dict[int, list[Alert]] = {}
    if children:
        found = alerts_as_of(as_of=today, calendar=calendar, children=[c.pk for c in children])
        for alert in sorted(found, key=lambda a: a.urgency):
            alerts.setdefault(alert.child_id, []).append(alert)
    return [
        CaseloadEntry(
            child=child,
            level=child.latest_level or Level.NONE,
            next_due=(alerts.get(child.pk) or [None])[0],
            last_visit=child.last_visit,
            alert_count=len(alerts.get(child.pk, [])),
        )
        for child in children
    ]


def worker_get(*, pk: int) -> User | None:
    return User.objects.filter(pk=pk, is_active=True).select_related("team").first()


def caseload_is_visible_to(*, viewer: User, worker: User) -> bool:
    """A caseload is seen by the worker and by the managers of the worker's team."""
    if viewer.pk == worker.pk:
        return True
    return (
        viewer.is_authenticated
        and viewer.role in MANAGERS
        and worker.team_id is not None
        and worker.team_id in team_ids_managed_by(user=viewer)
    )
