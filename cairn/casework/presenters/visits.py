"""Visits shaped for pages."""

from cairn.casework.models import Visit
from cairn.people.presenters import format_date


def _yes_no(value: bool) -> str:
    return "Yes" if value else "No"


def visit_rows(visit: Visit) -> list[tuple[str, str]]:
    return [
        ("Type of visit", visit.get_kind_display()),
        ("Date", format_date(visit.visited_on)),
        ("Where", visit.location),
        ("Who else was present", visit.present or "No one recorded"),
        ("Child seen", _yes_no(visit.child_seen)),
        ("Seen alone", _yes_no(visit.seen_alone)),
        ("Bedroom seen", _yes_no(visit.bedroom_seen)),
        ("The child's wishes and feelings", visit.wishes_and_feelings or "Not recorded"),
        ("Direct work", visit.direct_work or "Not recorded"),
        ("Observations", visit.observations or "Not recorded"),
        ("Analysis", visit.analysis or "Not recorded"),
        ("Recorded by", visit.worker.get_full_name()),
    ]
