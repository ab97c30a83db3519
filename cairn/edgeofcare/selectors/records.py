"""Reads of edge-of-care records for pages, each in a fixed number of queries."""

import datetime as dt

from django.db.models import Prefetch, Q, QuerySet

from cairn.accounts.models import Team, User
from cairn.accounts.roles import RECORD_WRITERS, TeamKind
from cairn.edgeofcare.models import (
    EdgeOfCareReferral,
    Intervention,
    InterventionSession,
    ReferralStatus,
)
from cairn.legal.models import LookedAfterPeriod
from cairn.people.models import Person
from cairn.workforce.models import Allocation

_SESSIONS = Prefetch(
    "intervention__sessions", queryset=InterventionSession.objects.order_by("held_on", "id")
)


def referral_get(*, pk: int) -> EdgeOfCareReferral | None:
    """A referral with its child, people, intervention and sessions log."""
    return (
        EdgeOfCareReferral.objects.filter(pk=pk)
        .select_related("child", "referrer", "team", "decided_by", "intervention__worker")
        .prefetch_related(_SESSIONS)
        .first()
    )


def intervention_get(*, pk: int) -> Intervention | None:
    return (
        Intervention.objects.filter(pk=pk)
        .select_related("referral__child", "worker")
        .prefetch_related(Prefetch("sessions", queryset=InterventionSession.objects.all()))
        .first()
    )


def referral_list_for_child(*, child: Person) -> QuerySet[EdgeOfCareReferral]:
    return EdgeOfCareReferral.objects.filter(child=child).select_related("intervention")


def referral_open_for_child(*, child: Person) -> EdgeOfCareReferral | None:
    """The child's referral still awaiting a decision, accepted or in intervention."""
    return (
        EdgeOfCareReferral.objects.filter(child=child)
        .exclude(status__in=[ReferralStatus.DECLINED, ReferralStatus.ENDED])
        .first()
    )


def referral_list_open() -> QuerySet[EdgeOfCareReferral]:
    """The service's work: referrals awaiting a decision, accepted, or in intervention, oldest
    first."""
    return (
        EdgeOfCareReferral.objects.exclude(
            status__in=[ReferralStatus.DECLINED, ReferralStatus.ENDED]
        )
        .select_related("child", "team", "intervention__worker")
        .order_by("referred_on", "id")
    )


def referring_team_for(*, child: Person, user: User) -> Team | None:
    """The child's allocated team today (the team that refers), else the referrer's team."""
    allocation = (
        Allocation.objects.filter(child=child, ended_on__isnull=True)
        .select_related("team")
        .order_by("-started_on", "-id")
        .first()
    )
    return allocation.team if allocation else user.team


def worker_list_for_intervention() -> QuerySet[User]:
    """Practitioners and managers of the edge-of-care teams, who carry out interventions."""
    return User.objects.filter(
        is_active=True, team__kind=TeamKind.EDGE_OF_CARE, role__in=RECORD_WRITERS
    ).order_by("last_name", "first_name")


def looked_after_on(*, child: Person, day: dt.date) -> LookedAfterPeriod | None:
    """The child's looked-after period that covers `day`, if any."""
    return (
        LookedAfterPeriod.objects.filter(child=child, started_on__lte=day)
        .filter(Q(ceased_on__isnull=True) | Q(ceased_on__gte=day))
        .first()
    )


def looked_after_started_between(*, child: Person, start: dt.date, end: dt.date) -> bool:
    return LookedAfterPeriod.objects.filter(
        child=child, started_on__gte=start, started_on__lte=end
    ).exists()


def looked_after_periods_for(*, child_ids) -> dict[int, list[tuple[dt.date, dt.date | None]]]:
    """Every looked-after period of these children (one query), by child id."""
    periods: dict[int, list[tuple[dt.date, dt.date | None]]] = {}
    rows = LookedAfterPeriod.objects.filter(child_id__in=child_ids).values_list(
        "child_id", "started_on", "ceased_on"
    )
    for child_id, started, ceased in rows:
        periods.setdefault(child_id, []).append((started, ceased))
    return periods
