"""Reads of visits. Pages check `casework.view_record` on the visit's child."""

from django.db.models import QuerySet

from cairn.casework.models import Visit
from cairn.people.models import Person


def visit_get(*, pk: int) -> Visit | None:
    return Visit.objects.filter(pk=pk).select_related("child", "worker", "episode").first()


def visit_list_for_child(*, child: Person) -> QuerySet[Visit]:
    return Visit.objects.filter(child=child).select_related("worker").order_by("-visited_on", "-id")
