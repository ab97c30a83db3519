"""Permissions on people's records.

The object-level check asks people.selectors for the same scope the lists use, so a page and a
list can never disagree about who may see a child.
"""

import rules

from cairn.accounts.rules import can_view_children, can_write_records
from cairn.governance.access import restriction_permits
from cairn.people.selectors import person_is_visible_to


@rules.predicate
def person_in_scope(user, person) -> bool:
    # A restricted record (ADR 0023) opens only to named users or with break-glass access.
    return (
        person is not None
        and person_is_visible_to(user=user, person=person)
        and restriction_permits(user=user, person=person)
    )


rules.add_perm("people.search_people", can_view_children)
rules.add_perm("people.view_person", can_view_children & person_in_scope)
rules.add_perm("people.register_child", can_write_records)
