"""A worker's caseload: the children allocated to them, with where each is on the journey, the
next thing due and the last visit, in a fixed number of queries whatever the caseload's size."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery

from cairn.accounts.models import User
from cairn.accounts.selectors import team_ids_managed_by
from cairn.casework.models import Visit
from cairn.casework.rules import MANAGERS
from cairn.casework.selectors.due import DueItem, due_for_children
from cairn.core.working_days import WorkingDayCalendar
from cairn.frontdoor.models import Level, LevelTransition
from cairn.people.models import Person
from cairn.people.selectors import child_list_allocated_to, child_list_visible_to


@dataclass(frozen=True)
class CaseloadEntry:
    child: Person
    level: str
    next_due: DueItem | None
    last_visit: dt.date | None


def caseload_for_worker(
    *, worker: User, viewer: User, today: dt.date, calendar: WorkingDayCalendar
) -> list[CaseloadEntry]:
    """Children currently allocated to `worker` that `viewer` may see (the worker themselves,
    or a manager of their team), with the level each is at, the soonest deadline and the date
    of the last visit."""
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
    due = due_for_children(child_ids=[c.pk for c in children], today=today, calendar=calendar)
    return [
        CaseloadEntry(
            child=child,
            level=child.latest_level or Level.NONE,
            next_due=(due.get(child.pk) or [None])[0],
            last_visit=child.last_visit,
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
