"""Reads about early help episodes and the plans a child may step down from."""

from django.db.models import QuerySet

from cairn.casework.models import Plan, PlanKind, PlanStatus
from cairn.earlyhelp.models import EarlyHelpEpisode
from cairn.people.models import Person


def early_help_list_for_child(*, child: Person) -> QuerySet[EarlyHelpEpisode]:
    return EarlyHelpEpisode.objects.filter(child=child).order_by("-started_on", "-id")


def early_help_get(*, pk: int) -> EarlyHelpEpisode | None:
    return (
        EarlyHelpEpisode.objects.filter(pk=pk)
        .select_related("child", "stepped_down_from", "created_by")
        .first()
    )


def early_help_get_open(*, child: Person) -> EarlyHelpEpisode | None:
    return EarlyHelpEpisode.objects.filter(child=child, ended_on__isnull=True).first()


def plan_list_to_step_down(*, child: Person) -> QuerySet[Plan]:
    """The child's active CIN plans: the ones a step-down to early help can end."""
    return Plan.objects.filter(child=child, kind=PlanKind.CIN, status=PlanStatus.ACTIVE).order_by(
        "started_on"
    )


def plan_get(*, pk: int) -> Plan | None:
    return Plan.objects.filter(pk=pk).select_related("child", "episode").first()
