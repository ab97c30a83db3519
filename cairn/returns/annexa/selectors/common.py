"""What every Annex A list reads about its rows: the child, allocations, names; and the
chunked streaming the row generators share."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from django.utils import timezone

from cairn.accounts.models import Team, User
from cairn.people.models import Disability, PersonKind
from cairn.returns.annexa.period import Period
from cairn.workforce.models import Allocation

CHUNK = 5000  # rows per batch: the queries per export grow with the batches, not the children
CHILD_KINDS = (PersonKind.CHILD, PersonKind.UNBORN)


@dataclass(frozen=True)
class ChildFacts:
    la_child_id: str
    sex: str
    ethnicity: str
    date_of_birth: dt.date | None
    disabilities: frozenset[str]


@dataclass(frozen=True)
class AllocationFacts:
    episode_id: int | None
    team: str
    worker: str | None
    started_on: dt.date
    ended_on: dt.date | None
    pk: int


class Names:
    """Team and worker display names, loaded once per export (bounded by the staff count)."""

    def __init__(self):
        self.teams = dict(Team.objects.values_list("pk", "name"))
        self.workers = {
            pk: (f"{first} {last}".strip() or username)
            for pk, first, last, username in User.objects.values_list(
                "pk", "first_name", "last_name", "username"
            )
        }


def _chunks(rows: Iterable[dict], size: int = CHUNK) -> Iterator[list[dict]]:
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk


def stream(queryset) -> Iterator[list[dict]]:
    return _chunks(queryset.iterator(chunk_size=CHUNK))


def local_day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def local_date(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()


def grouped(rows: Iterable[dict], key: str) -> dict[int, list[dict]]:
    grouped: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        grouped[row[key]].append(row)
    return grouped


# The child's fields every row reads, joined into each list's own query.
CHILD_FIELDS = ("child__la_child_id", "child__sex", "child__ethnicity", "child__date_of_birth")


def _disabilities(child_ids: set[int]) -> dict[int, frozenset[str]]:
    codes: dict[int, set[str]] = defaultdict(set)
    for person_id, code in Disability.objects.filter(person_id__in=child_ids).values_list(
        "person_id", "code"
    ):
        codes[person_id].add(code)
    return {person_id: frozenset(found) for person_id, found in codes.items()}


def _allocations(child_ids: set[int], period: Period, names: Names) -> dict[int, list]:
    """Each child's allocations started by the reference date, oldest first."""
    by_child: dict[int, list[AllocationFacts]] = defaultdict(list)
    rows = (
        Allocation.objects.filter(child_id__in=child_ids, started_on__lte=period.reference_date)
        .order_by("started_on", "pk")
        .values_list(
            "child_id", "episode_id", "team_id", "worker_id", "started_on", "ended_on", "pk"
        )
    )
    for child_id, episode_id, team_id, worker_id, started, ended, pk in rows:
        by_child[child_id].append(
            AllocationFacts(
                episode_id=episode_id,
                team=names.teams.get(team_id, ""),
                worker=names.workers.get(worker_id) if worker_id else None,
                started_on=started,
                ended_on=ended,
                pk=pk,
            )
        )
    return by_child


def with_children(chunk: list[dict], period: Period, names: Names | None = None) -> None:
    """Attach the child's facts (and allocations, when `names` is given) to each row. The rows
    carry the child's own fields (CHILD_FIELDS); disabilities and allocations are one query
    each for the chunk."""
    child_ids = {row["child_id"] for row in chunk}
    disabilities = _disabilities(child_ids)
    allocations = _allocations(child_ids, period, names) if names else {}
    none: frozenset[str] = frozenset()
    for row in chunk:
        child_id = row["child_id"]
        row["child"] = ChildFacts(
            la_child_id=row["child__la_child_id"],
            sex=row["child__sex"],
            ethnicity=row["child__ethnicity"],
            date_of_birth=row["child__date_of_birth"],
            disabilities=disabilities.get(child_id, none),
        )
        if names:
            row["allocations"] = allocations.get(child_id, [])
