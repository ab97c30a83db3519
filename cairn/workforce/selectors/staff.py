"""Reads for staff records and training (issue 6, items 1 and 7)."""

import datetime as dt

from django.db.models import Q, QuerySet

from cairn.accounts.models import User
from cairn.accounts.roles import Role
from cairn.accounts.selectors import team_ids_managed_by
from cairn.core.dates import add_months
from cairn.workforce.models import StaffRecord, TrainingRecord

NEWLY_QUALIFIED_MONTHS = 12  # the assessed and supported year in employment (ASYE)


def is_newly_qualified(*, qualified_on: dt.date | None, today: dt.date) -> bool:
    """Newly qualified: qualified within the last 12 months, the assessed first year."""
    return qualified_on is not None and add_months(qualified_on, NEWLY_QUALIFIED_MONTHS) > today


def staff_list_for(*, viewer: User) -> QuerySet[User]:
    """Staff the viewer keeps records for: administrators everyone (but the system actor),
    managers the members of the teams they manage. With their staff record, team and manager
    in one query."""
    users = User.objects.exclude(role=Role.SYSTEM).select_related("staff_record", "team", "manager")
    if viewer.role != Role.SYSTEM_ADMIN:
        users = users.filter(team_id__in=team_ids_managed_by(user=viewer)).filter(~Q(pk=viewer.pk))
    return users.order_by("team__name", "last_name", "first_name")


def staff_get(*, pk: int) -> User | None:
    return (
        User.objects.exclude(role=Role.SYSTEM)
        .select_related("staff_record", "team", "manager")
        .filter(pk=pk)
        .first()
    )


def staff_record_of(user: User) -> StaffRecord | None:
    return StaffRecord.objects.filter(user=user).first()


def manager_choices() -> QuerySet[User]:
    return User.objects.filter(
        is_active=True, role__in=(Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.SENIOR_LEADER)
    ).order_by("last_name", "first_name")


def training_list(*, staff: User) -> QuerySet[TrainingRecord]:
    return TrainingRecord.objects.filter(staff=staff).order_by("-completed_on", "id")


def training_get(*, pk: int) -> TrainingRecord | None:
    return TrainingRecord.objects.select_related("staff", "staff__team").filter(pk=pk).first()
