"""Permissions on casework records (assessments, plans, meetings, visits, case notes).

Object-level checks take the child whose record it is, so scope follows the child.
"""

import rules

from cairn.accounts.roles import Role
from cairn.accounts.rules import can_view_children, can_write_records
from cairn.people.rules import person_in_scope

MANAGERS = frozenset({Role.TEAM_MANAGER, Role.SERVICE_MANAGER})


@rules.predicate
def is_manager(user) -> bool:
    return user.is_authenticated and user.role in MANAGERS


# Object: the child (people.Person).
rules.add_perm("casework.view_record", can_view_children & person_in_scope)
rules.add_perm("casework.write_record", can_write_records & person_in_scope)
rules.add_perm("casework.authorise", is_manager & person_in_scope)
