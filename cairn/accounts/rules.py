"""Permissions as django-rules predicates. The role x permission matrix is docs/permissions.md.

Each app adds its own permissions in its rules.py from these predicates.
"""

import rules

from cairn.accounts.roles import ACCESS_REVIEWERS, CASE_HOLDERS, RECORD_WRITERS, Role, Scope
from cairn.accounts.selectors import child_scope


@rules.predicate
def can_view_children(user) -> bool:
    return child_scope(user=user) != Scope.NONE


@rules.predicate
def can_write_records(user) -> bool:
    return user.is_authenticated and user.role in RECORD_WRITERS


@rules.predicate
def is_access_reviewer(user) -> bool:
    return user.is_authenticated and user.role in ACCESS_REVIEWERS


@rules.predicate
def holds_cases(user) -> bool:
    return user.is_authenticated and user.role in CASE_HOLDERS


@rules.predicate
def is_system_admin(user) -> bool:
    return user.is_authenticated and user.role == Role.SYSTEM_ADMIN


rules.add_perm("governance.review_access", is_access_reviewer)
rules.add_perm("accounts.view_own_caseload", holds_cases)
rules.add_perm("accounts.administer", is_system_admin)
