"""Reads about users and teams."""

from django.db.models import Q, QuerySet

from cairn.accounts.models import Team, User
from cairn.accounts.roles import CHILD_RECORD_SCOPE, Scope


def team_ids_managed_by(*, user: User) -> list[int]:
    """The user's team and every team below it (service area -> team)."""
    if user.team_id is None:
        return []
    return list(
        Team.objects.filter(
            Q(pk=user.team_id) | Q(parent_id=user.team_id) | Q(parent__parent_id=user.team_id)
        ).values_list("pk", flat=True)
    )


def child_scope(*, user: User) -> str:
    if not user.is_authenticated or not user.is_active:
        return Scope.NONE
    return CHILD_RECORD_SCOPE.get(user.role, Scope.NONE)


def user_list_for_team(*, team: Team) -> QuerySet[User]:
    return User.objects.filter(team=team, is_active=True).order_by("last_name")
