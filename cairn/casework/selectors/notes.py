"""Reads of case notes. Pages check `casework.view_record` on the note's child."""

from django.db.models import Prefetch, QuerySet

from cairn.casework.models import CaseNote, CaseNoteAppendment
from cairn.people.models import Person


def case_note_get(*, pk: int) -> CaseNote | None:
    """A case note with its appendments (oldest first) and who wrote each."""
    appendments = CaseNoteAppendment.objects.select_related("created_by").order_by(
        "created_at", "id"
    )
    return (
        CaseNote.objects.filter(pk=pk)
        .select_related("child", "created_by", "finalised_by")
        .prefetch_related(Prefetch("appendments", queryset=appendments))
        .first()
    )


def case_note_list_for_child(*, child: Person) -> QuerySet[CaseNote]:
    return (
        CaseNote.objects.filter(child=child)
        .select_related("created_by")
        .order_by("-occurred_on", "-id")
    )
