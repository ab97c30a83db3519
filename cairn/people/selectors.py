"""Reads of people, always scoped to what the user may see."""

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from cairn.accounts.models import User
from cairn.accounts.roles import Scope
from cairn.accounts.selectors import child_scope, team_ids_managed_by
from cairn.core import clock
from cairn.people.models import Person, PersonKind, Relationship
from cairn.workforce.models import Allocation
from cairn.workforce.selectors.access import covered_allocation_q

CHILD_KINDS = (PersonKind.CHILD, PersonKind.UNBORN)


def _current_allocations() -> QuerySet[Allocation]:
    return Allocation.objects.filter(ended_on__isnull=True)


def child_list_visible_to(*, user: User) -> QuerySet[Person]:
    """Children the user may see.

    Social workers and senior practitioners: children allocated to them or to their team.
    Anyone covering for an absent worker: that worker's children (or the one child covered)
    while the cover is in force.
    Team and service managers: children of the teams they manage. CP chairs, QA, analysts,
    leaders and information governance: every child. System administrators: none.
    """
    children = Person.objects.filter(kind__in=CHILD_KINDS)
    scope = child_scope(user=user)
    if scope == Scope.ALL:
        return children
    if scope == Scope.NONE:
        return children.none()
    team_ids = [user.team_id] if scope == Scope.OWN_TEAM else team_ids_managed_by(user=user)
    # Cover: the children of a worker the user covers today (workforce, ADR 0013).
    covered = covered_allocation_q(user_id=user.pk, today=clock.today())
    in_scope = _current_allocations().filter(
        Q(team_id__in=team_ids) | Q(worker_id=user.pk) | covered
    )
    return children.filter(pk__in=in_scope.values("child_id"))


def person_list_visible_to(*, user: User) -> QuerySet[Person]:
    """Children the user may see, and adults in those children's family networks."""
    if child_scope(user=user) == Scope.ALL:
        return Person.objects.all()
    # Each set is a semi-join the database computes once, not a probe per candidate row.
    child_ids = child_list_visible_to(user=user).values("pk")
    relatives = Relationship.objects.filter(person_id__in=child_ids).values("relative_id")
    related_to = Relationship.objects.filter(relative_id__in=child_ids).values("person_id")
    return Person.objects.filter(Q(pk__in=child_ids) | Q(pk__in=relatives) | Q(pk__in=related_to))


def person_is_visible_to(*, user: User, person: Person) -> bool:
    return person_list_visible_to(user=user).filter(pk=person.pk).exists()


def person_get(*, pk: int) -> Person | None:
    """A person with everything the person page shows, in a fixed number of queries."""
    relationships = Relationship.objects.select_related("relative").order_by(
        "type", "relative__family_name"
    )
    inverse = Relationship.objects.select_related("person").order_by("type")
    return (
        Person.objects.filter(pk=pk)
        .prefetch_related(
            "identifiers",
            "disabilities",
            "addresses",
            "immigration_statuses",
            Prefetch("relationships", queryset=relationships),
            Prefetch("relationships_as_relative", queryset=inverse),
            Prefetch(
                "allocations",
                queryset=Allocation.objects.select_related("team", "worker").order_by(
                    "-started_on"
                ),
            ),
        )
        .first()
    )


def child_list_allocated_to(*, user: User) -> QuerySet[Person]:
    """The user's own caseload: children currently allocated to them."""
    mine = _current_allocations().filter(child=OuterRef("pk"), worker_id=user.pk)
    return (
        Person.objects.filter(kind__in=CHILD_KINDS)
        .filter(Exists(mine))
        .order_by("family_name", "given_name")
    )
