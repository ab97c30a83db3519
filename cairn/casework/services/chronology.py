"""A worker's analysis of an entry in the child's chronology."""

from django.core.exceptions import ValidationError
from django.db import transaction

from cairn.casework.models import ChronologyAnalysis
from cairn.casework.selectors.chronology import entry_record_exists
from cairn.core.records import record_create
from cairn.people.models import Person


@transaction.atomic
def chronology_analysis_add(
    *, actor, child: Person, entry_kind: str, entry_id: int, analysis: str
) -> ChronologyAnalysis:
    """Add the worker's analysis to one entry of the child's chronology (issue 3, item 8).

    The entry must be one of the child's own records; analyses are added, never overwritten.
    """
    errors = {}
    if not entry_record_exists(child=child, entry_kind=entry_kind, entry_id=entry_id):
        errors["entry_id"] = "Choose an entry from this child's chronology"
    if not analysis.strip():
        errors["analysis"] = "Enter your analysis of this entry"
    if errors:
        raise ValidationError(errors)
    return record_create(
        model=ChronologyAnalysis,
        actor=actor,
        audit_subject=child,
        child=child,
        entry_kind=entry_kind,
        entry_id=entry_id,
        analysis=analysis.strip(),
    )
