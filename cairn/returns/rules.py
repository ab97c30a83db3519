"""Permissions on statutory returns (issue 9). The matrix is in docs/permissions.md.

- `returns.view_returns`: the returns pages (the index, the CIN census, Annex A, the SSD) and
  their downloads: performance analysts, who prepare and submit the returns, senior leaders,
  who sign them off, and system administrators, who run them for the council. The files are
  child-level (no names), so the roles that may open them are few.
"""

import rules

from cairn.accounts.roles import Role

RETURNS_ROLES = frozenset({Role.PERFORMANCE_ANALYST, Role.SENIOR_LEADER, Role.SYSTEM_ADMIN})


@rules.predicate
def prepares_returns(user) -> bool:
    return user.is_authenticated and user.role in RETURNS_ROLES


rules.add_perm("returns.view_returns", prepares_returns)
