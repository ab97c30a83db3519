"""Reads about users and teams."""

import datetime as dt

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q, QuerySet

from cairn.accounts.models import Team, User
from cairn.accounts.roles import CHILD_RECORD_SCOPE, Scope, TeamKind
from cairn.core import clock


def team_ids_managed_by(*, user: User) -> list[int]:
    """The user's team and every team below it (service area -> team)."""
    if user.team_id is None:
        return []
    return list(
        Team.objects.filter(
            Q(pk=user.team_id) | Q(parent_id=user.team_id) | Q(parent__parent_id=user.team_id)
        ).values_list("pk", flat=True)
    )


def has_left(user: User, *, today: dt.date) -> bool:
    """Whether the user's staff record has a leaving date on or before `today` (ADR 0013).

    Reads the staff record through the user (cached on it, and loaded with the user by the
    sign-in backend), so asking again costs no query."""
    try:
        record = user.staff_record
    except ObjectDoesNotExist:
        return False
    return record.removed_at is None and record.left_on is not None and record.left_on <= today


def child_scope(*, user: User) -> str:
    """How far the user sees children's records (accounts/roles.py).

    Front door (MASH) staff triage contacts about any child, so they see every child's record.
    A leaver sees nothing from their leaving date (ADR 0013).
    """
    if not user.is_authenticated or not user.is_active:
        return Scope.NONE
    if has_left(user, today=clock.today()):
        return Scope.NONE
    scope = CHILD_RECORD_SCOPE.get(user.role, Scope.NONE)
    if (
        scope in (Scope.OWN_TEAM, Scope.MANAGED_TEAMS)
        and user.team
        and user.team.kind == TeamKind.FRONT_DOOR
    ):
        return Scope.ALL
    return scope


def user_list_for_team(*, team: Team) -> QuerySet[User]:
    return User.objects.filter(team=team, is_active=True).order_by("last_name")
