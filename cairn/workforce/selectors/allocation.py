"""Reads for allocating work: the teams that hold cases and the staff who may hold them."""

from django.db.models import QuerySet

from cairn.accounts.models import Team, User
from cairn.accounts.roles import RECORD_WRITERS, TeamKind
from cairn.core import clock

CASE_HOLDING_TEAM_KINDS = frozenset(TeamKind.values) - {
    TeamKind.SERVICE,
    TeamKind.PERFORMANCE,
    TeamKind.LEADERSHIP,
}


def team_list_for_allocation() -> QuerySet[Team]:
    """Teams a child or episode may be allocated to (not service areas or back-office teams)."""
    return Team.objects.filter(kind__in=CASE_HOLDING_TEAM_KINDS).order_by("name")


def worker_list_for_allocation() -> QuerySet[User]:
    """Active staff who may hold cases (social workers, senior practitioners, managers); not
    leavers (ADR 0013)."""
    return (
        User.objects.filter(is_active=True, role__in=RECORD_WRITERS)
        .exclude(staff_record__left_on__lte=clock.today())
        .select_related("team")
        .order_by("last_name", "first_name")
    )
