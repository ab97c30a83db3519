"""Who may see the scorecard and the members' report (issue 10, ADR 0028).

- `insight.view_scorecard`: senior leaders, performance analysts and QA officers (the council,
  every service and team); service managers (their service and its teams); team managers (the
  teams they manage). Object-level, a `Scope`: whether the user may see that scope's figures.
- The drill-down list behind a figure needs `insight.view_scorecard` on the figure's scope, and
  then lists only the children the user may see (the selector applies the child scope).
- `insight.view_reports`: the same readers; object-level, a report (its scope).
- `insight.write_report`: service managers (their service and its teams) and senior leaders (any
  scope) draft, edit and issue reports; object-level, a `Scope` or a report.
"""

import rules

from cairn.accounts.roles import Role
from cairn.accounts.selectors import team_ids_managed_by
from cairn.insight.measures.base import COUNCIL, SERVICE, Scope

COUNCIL_READERS = frozenset({Role.SENIOR_LEADER, Role.PERFORMANCE_ANALYST, Role.QA_OFFICER})
SCOPED_READERS = frozenset({Role.SERVICE_MANAGER, Role.TEAM_MANAGER})
REPORT_WRITERS = frozenset({Role.SERVICE_MANAGER, Role.SENIOR_LEADER})


def _scope_of(obj) -> Scope | None:
    """A Scope from a Scope or a report (anything with scope_kind and scope_team_id)."""
    if obj is None or isinstance(obj, Scope):
        return obj
    return Scope(obj.scope_kind, obj.scope_team_id)


def may_see_scope(user, scope: Scope) -> bool:
    """Council readers see every scope; a service manager their service and the teams under it;
    a team manager the teams they manage (never the council, nor a whole service)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.role in COUNCIL_READERS:
        return True
    if user.role not in SCOPED_READERS or scope.kind == COUNCIL:
        return False
    if scope.kind == SERVICE and user.role != Role.SERVICE_MANAGER:
        return False
    return scope.team_id in team_ids_managed_by(user=user)


@rules.predicate
def reads_scorecard(user) -> bool:
    return user.is_authenticated and user.role in COUNCIL_READERS | SCOPED_READERS


@rules.predicate
def sees_scope(user, obj) -> bool:
    """No object: the page itself; a scope or report: one the user may see."""
    scope = _scope_of(obj)
    return scope is None or may_see_scope(user, scope)


@rules.predicate
def writes_reports(user) -> bool:
    return user.is_authenticated and user.role in REPORT_WRITERS


rules.add_perm("insight.view_scorecard", reads_scorecard & sees_scope)
rules.add_perm("insight.view_reports", reads_scorecard & sees_scope)
rules.add_perm("insight.write_report", writes_reports & sees_scope)
