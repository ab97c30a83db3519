"""Who viewed and who changed a person's record over a period (for information governance)."""

import datetime as dt

from django.db.models import QuerySet

from cairn.core.models import AccessEvent, AuditEvent
from cairn.people.models import Person


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
