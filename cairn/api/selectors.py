"""Reads for the API. Each is scoped exactly as the page it mirrors: the children lists by
`people.selectors`, a child's record by the object-level rules the views check first."""

from django.db.models import Prefetch, QuerySet

from cairn.casework.models import Action, Outcome, Plan, PlanKind, PlanVersion
from cairn.governance.access import restricted_ids_hidden_from
from cairn.people.models import Person
from cairn.people.search import person_search
from cairn.protection.models import CPCategory
from cairn.returns.models import ReturnRun

SEARCH_LIMIT = 200  # best matches kept before paging (the search page shows 50)
API_PLAN_KINDS = (PlanKind.CIN, PlanKind.CP)


def child_search(*, user, text: str) -> tuple[list[Person], set[int]]:
    """Children visible to `user` matching `text` (people.search, best first), and the ids of
    restricted ones the user may not open (shown without name or birth date, ADR 0023)."""
    children = [p for p in person_search(user=user, text=text, limit=SEARCH_LIMIT) if p.is_child]
    return children, restricted_ids_hidden_from(user=user, people=children)


def plan_list_for_child(*, child: Person) -> QuerySet[Plan]:
    """The child's CIN and CP plans, newest first, with each version's outcomes and actions and
    each CP plan's categories: four queries whatever the number of plans."""
    versions = PlanVersion.objects.order_by("number").prefetch_related(
        Prefetch("outcomes", queryset=Outcome.objects.order_by("position", "id")),
        Prefetch("actions", queryset=Action.objects.order_by("due_on", "id")),
    )
    return (
        Plan.objects.filter(child=child, kind__in=API_PLAN_KINDS)
        .prefetch_related(
            Prefetch("versions", queryset=versions),
            Prefetch("categories", queryset=CPCategory.objects.order_by("from_on", "id")),
        )
        .order_by("-created_at", "-pk")
    )


def hidden_restricted_ids(*, user, child_ids) -> set[int]:
    """Of the children `child_ids`, the restricted ones `user` may not open."""
    restricted = list(Person.objects.filter(pk__in=set(child_ids), is_restricted=True))
    return restricted_ids_hidden_from(user=user, people=restricted)


def return_run_list() -> QuerySet[ReturnRun]:
    """Every return run, newest first (runs are council-level: `returns.view_returns` sees all)."""
    return ReturnRun.objects.select_related("created_by").order_by("-created_at", "-pk")


def return_run_get(*, pk: int) -> ReturnRun | None:
    return ReturnRun.objects.select_related("created_by").filter(pk=pk).first()
