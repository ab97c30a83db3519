"""Reads for information governance: who viewed and changed a record, restricted records and
their allow lists, requests for access, break glass and the unusual-access report."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.formats import date_format

from cairn.accounts.models import User
from cairn.accounts.roles import CHILD_RECORD_SCOPE, Scope
from cairn.core.models import AccessEvent, AccessOutcome, AuditEvent
from cairn.governance.models import (
    AccessRequest,
    AccessRequestStatus,
    BreakGlassAccess,
    Restriction,
    RestrictionAllowance,
    RestrictionChange,
)
from cairn.people.models import Person
from cairn.people.selectors import CHILD_KINDS
from cairn.workforce.models import Allocation

TEAM_SCOPES = (Scope.OWN_TEAM, Scope.MANAGED_TEAMS)


def _period(field: str, start: dt.date, end: dt.date) -> dict:
    return {f"{field}__date__gte": start, f"{field}__date__lte": end}


def access_event_list(*, person: Person, start: dt.date, end: dt.date) -> QuerySet[AccessEvent]:
    return (
        AccessEvent.objects.filter(person=person, **_period("at", start, end))
        .select_related("actor", "actor__team")
        .order_by("-at")
    )


def audit_event_list(*, person: Person, start: dt.date, end: dt.date) -> QuerySet[AuditEvent]:
    return (
        AuditEvent.objects.filter(person=person, **_period("at", start, end))
        .select_related("actor", "content_type")
        .order_by("-at")
    )


def person_find_by_reference(*, reference: str) -> Person | None:
    """A person by LA child ID, or by internal id for adults."""
    reference = reference.strip()
    person = Person.objects.filter(la_child_id__iexact=reference).first()
    if person is None and reference.isdigit():
        person = Person.objects.filter(pk=int(reference)).first()
    return person


# --- Restricted records (ADR 0023) -------------------------------------------------------------


def restriction_list() -> QuerySet[Restriction]:
    return Restriction.objects.select_related("person", "created_by").order_by("-created_at")


def restriction_for(*, person: Person) -> Restriction | None:
    return Restriction.objects.filter(person=person).select_related("created_by").first()


def allowance_list(*, restriction: Restriction) -> QuerySet[RestrictionAllowance]:
    return restriction.allowances.select_related("user", "user__team", "created_by").order_by(
        "user__last_name"
    )


def allowance_get(*, pk: int) -> RestrictionAllowance | None:
    return (
        RestrictionAllowance.objects.filter(pk=pk, restriction__removed_at__isnull=True)
        .select_related("restriction__person", "user")
        .first()
    )


def restriction_history(*, person: Person) -> QuerySet[RestrictionChange]:
    return RestrictionChange.objects.filter(person=person).select_related("actor", "subject_user")


def access_request_list(*, pending: bool) -> QuerySet[AccessRequest]:
    requests = AccessRequest.objects.select_related(
        "person", "requester", "requester__team", "decided_by"
    )
    if pending:
        return requests.filter(status=AccessRequestStatus.PENDING).order_by("created_at")
    return requests.exclude(status=AccessRequestStatus.PENDING).order_by("-decided_at")[:50]


def access_request_get(*, pk: int) -> AccessRequest | None:
    return AccessRequest.objects.filter(pk=pk).select_related("person", "requester").first()


def access_requests_by(*, user, person: Person) -> QuerySet[AccessRequest]:
    return AccessRequest.objects.filter(requester=user, person=person).order_by("-created_at")


def user_find_by_username(*, username: str) -> User | None:
    return User.objects.filter(username__iexact=username.strip()).first()


# --- Unusual access (ADR 0023) -----------------------------------------------------------------

TEAM_SCOPED = [role for role, scope in CHILD_RECORD_SCOPE.items() if scope in TEAM_SCOPES]


@dataclass(frozen=True)
class UnusualAccessRow:
    category: str
    at: dt.datetime | dt.date
    user: str
    username: str
    team: str
    person_id: int | None
    person: str
    detail: str

    @property
    def when(self) -> str:
        """The time of a view (local), or the day of a bulk-viewing row."""
        if isinstance(self.at, dt.datetime):
            return date_format(timezone.localtime(self.at), "j M Y H:i")
        return date_format(self.at, "j M Y")


def _views_in(start: dt.date, end: dt.date) -> QuerySet[AccessEvent]:
    return (
        AccessEvent.objects.filter(**_period("at", start, end))
        .annotate(day=TruncDate("at"))
        .select_related("actor", "actor__team", "person")
        .order_by("at", "id")
    )


def _row(category: str, event: AccessEvent, detail: str) -> UnusualAccessRow:
    return UnusualAccessRow(
        category=category,
        at=event.at,
        user=event.actor.get_full_name() or event.actor.username,
        username=event.actor.username,
        team=str(event.actor.team or ""),
        person_id=event.person_id,
        person=event.person.full_name,
        detail=detail,
    )


def _outcome(event: AccessEvent) -> str:
    return "" if event.outcome == AccessOutcome.GRANTED else " (refused)"


def views_outside_team(*, start: dt.date, end: dt.date) -> list[UnusualAccessRow]:
    """Views of children's records by team-scoped staff (social workers, senior practitioners,
    managers) when the child was not allocated to them or to a team they belong to or manage on
    that day: access through cover, the front door or break glass."""
    allocated = Allocation.all_objects.filter(
        Q(worker_id=OuterRef("actor_id"))
        | Q(team_id=OuterRef("actor__team_id"))
        | Q(team__parent_id=OuterRef("actor__team_id"))
        | Q(team__parent__parent_id=OuterRef("actor__team_id")),
        child_id=OuterRef("person_id"),
        removed_at__isnull=True,
        started_on__lte=OuterRef("day"),
    ).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=OuterRef("day")))
    events = _views_in(start, end).filter(
        outcome=AccessOutcome.GRANTED,
        actor__role__in=TEAM_SCOPED,
        person__kind__in=CHILD_KINDS,
    )
    events = events.annotate(allocated=Exists(allocated)).filter(allocated=False)
    return [_row("Outside the user's team", e, e.page) for e in events]


def views_of_restricted(*, start: dt.date, end: dt.date) -> list[UnusualAccessRow]:
    """Every view of (or attempt to view) a record while it was restricted, with the
    break-glass reason when the view was by break glass."""
    restricted_then = Restriction.all_objects.filter(
        Q(removed_at__isnull=True) | Q(removed_at__gt=OuterRef("at")),
        person_id=OuterRef("person_id"),
        created_at__lte=OuterRef("at"),
    )
    glass = BreakGlassAccess.objects.filter(access_event_id=OuterRef("pk"))
    events = (
        _views_in(start, end)
        .annotate(
            restricted=Exists(restricted_then), glass_reason=Subquery(glass.values("reason")[:1])
        )
        .filter(restricted=True)
    )
    return [
        _row(
            "Restricted record",
            e,
            (f"Break glass: {e.glass_reason}" if e.glass_reason else e.page) + _outcome(e),
        )
        for e in events
    ]


def views_by_leavers(*, start: dt.date, end: dt.date) -> list[UnusualAccessRow]:
    """Views (or attempts) by accounts of staff on or after their leaving date."""
    events = _views_in(start, end).filter(
        actor__staff_record__removed_at__isnull=True,
        actor__staff_record__left_on__lte=F("day"),
    )
    return [
        _row(
            "Leaver's account",
            e,
            f"Left on {e.actor.staff_record.left_on:%-d %b %Y}: {e.page}" + _outcome(e),
        )
        for e in events.select_related("actor__staff_record")
    ]


def bulk_viewing(*, start: dt.date, end: dt.date, threshold: int) -> list[UnusualAccessRow]:
    """Users who viewed more than `threshold` distinct people's records in one day."""
    days = (
        AccessEvent.objects.filter(outcome=AccessOutcome.GRANTED, **_period("at", start, end))
        .annotate(day=TruncDate("at"))
        .values("actor_id", "day")
        .annotate(people=Count("person_id", distinct=True))
        .filter(people__gt=threshold)
        .order_by("day", "actor_id")
    )
    days = list(days)
    actors = User.objects.select_related("team").in_bulk({d["actor_id"] for d in days})
    return [
        UnusualAccessRow(
            category="Bulk viewing",
            at=d["day"],
            user=actors[d["actor_id"]].get_full_name() or actors[d["actor_id"]].username,
            username=actors[d["actor_id"]].username,
            team=str(actors[d["actor_id"]].team or ""),
            person_id=None,
            person="",
            detail=f"{d['people']} different people's records in one day (more than {threshold})",
        )
        for d in days
    ]


def break_glass_list(*, start: dt.date, end: dt.date) -> QuerySet[BreakGlassAccess]:
    return (
        BreakGlassAccess.objects.filter(**_period("at", start, end))
        .select_related("user", "user__team", "person")
        .order_by("-at")
    )


def unusual_access(*, start: dt.date, end: dt.date, threshold: int) -> dict[str, list]:
    return {
        "outside_team": views_outside_team(start=start, end=end),
        "restricted": views_of_restricted(start=start, end=end),
        "leavers": views_by_leavers(start=start, end=end),
        "bulk": bulk_viewing(start=start, end=end, threshold=threshold),
    }
