"""Permissions for information governance (docs/permissions.md).

- `governance.review_access` (accounts/rules.py): who viewed or changed a record, unusual access.
- `governance.manage_restrictions`: restrict a record, lift it, name who may open it
  (information governance officers and system administrators).
- `governance.decide_requests`: grant or refuse requests to open a restricted record.
- `governance.export_subject_access`: export everything held about a person.
- `governance.open_restricted` (object: the person): request access or break glass, for anyone
  whose scope includes the person but who may not open it because it is restricted.
"""

import rules

from cairn.accounts.roles import Role
from cairn.accounts.rules import can_view_children, is_access_reviewer
from cairn.governance.access import restriction_permits


@rules.predicate
def is_ig_or_admin(user) -> bool:
    return user.is_authenticated and user.role in (Role.IG_OFFICER, Role.SYSTEM_ADMIN)


@rules.predicate
def restricted_from(user, person) -> bool:
    from cairn.people.selectors import person_is_visible_to

    return (
        person is not None
        and person.is_restricted
        and person_is_visible_to(user=user, person=person)
        and not restriction_permits(user=user, person=person)
    )


rules.add_perm("governance.manage_restrictions", is_ig_or_admin)
rules.add_perm("governance.decide_requests", is_access_reviewer)
rules.add_perm("governance.export_subject_access", is_access_reviewer)
rules.add_perm("governance.open_restricted", can_view_children & restricted_from)
