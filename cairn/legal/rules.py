"""Permissions on legal records (issue 5). Object: the child (people.Person), so scope follows
the child. The matrix is in docs/permissions.md.

- `legal.view_record`: whoever may view the child's casework record sees the child's legal
  records (legal planning meetings, pre-proceedings, care proceedings, looked-after periods).
- `legal.write_record`: team and service managers record and change them for children in
  their scope (the legal gateway is a management decision).
- `legal.view_trackers`: team managers, service managers and senior leaders see the
  pre-proceedings and proceedings trackers (rows limited to the children they may see).
"""

import rules

from cairn.accounts.roles import Role
from cairn.accounts.rules import can_view_children
from cairn.casework.rules import is_manager
from cairn.people.rules import person_in_scope

TRACKER_ROLES = frozenset({Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.SENIOR_LEADER})


@rules.predicate
def sees_trackers(user) -> bool:
    return user.is_authenticated and user.role in TRACKER_ROLES


rules.add_perm("legal.view_record", can_view_children & person_in_scope)
rules.add_perm("legal.write_record", is_manager & person_in_scope)
rules.add_perm("legal.view_trackers", sees_trackers)
