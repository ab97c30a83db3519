"""Permissions on child protection records (issue 4). Object: the child (people.Person), so
scope follows the child. The matrix is in docs/permissions.md.

- `protection.view_record`: whoever may view the child's casework record.
- `protection.write_record`: social workers, senior practitioners and managers record strategy
  discussions, S47 enquiries, core groups and core group members for children in their scope.
- `protection.record_conference`: a CP chair records, changes and finalises conferences (ICPC
  and review); the service also checks that the finaliser is the conference's own chair.
- `protection.add_addendum`: after finalising, the chair or a manager adds an addendum.

The chair's oversight permissions are in chair_rules.py (imported here so both register).
"""

import rules

from cairn.accounts.rules import can_view_children, can_write_records
from cairn.casework.rules import is_manager
from cairn.people.rules import person_in_scope
from cairn.protection import chair_rules  # noqa: F401  (registers the chair's permissions)
from cairn.protection.chair_rules import is_cp_chair

rules.add_perm("protection.view_record", can_view_children & person_in_scope)
rules.add_perm("protection.write_record", can_write_records & person_in_scope)
rules.add_perm("protection.record_conference", is_cp_chair & person_in_scope)
rules.add_perm("protection.add_addendum", (is_cp_chair | is_manager) & person_in_scope)
