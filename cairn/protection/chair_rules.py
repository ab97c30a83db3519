"""Permissions for the CP chair's oversight between conferences (issue 4, item 8).

- `protection.chair_oversight`: CP chairs record midpoint reviews and raise, escalate and
  resolve practice alerts (object: the child, in scope; or no object for the chair's pages).
  Chairs are not record writers: they cannot record or change social workers' visits.
- `protection.respond_alert`: the named recipient of an open alert's current stage, while it
  has no response (object: the PracticeAlert, with its stages).
- `protection.receive_alerts`: managers an alert may be addressed to (team manager, service
  manager, head of service = senior leader) see the "Practice alerts for you" page.
- `protection.view_alert_log`: the chairs' alert log (chairs, senior leaders, QA officers).

The matrix is in docs/permissions.md.
"""

import rules

from cairn.accounts.roles import Role
from cairn.people.rules import person_in_scope

ALERT_RECIPIENT_ROLES = frozenset({Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.SENIOR_LEADER})
ALERT_LOG_ROLES = frozenset({Role.CP_CHAIR, Role.SENIOR_LEADER, Role.QA_OFFICER})


@rules.predicate
def is_cp_chair(user) -> bool:
    return user.is_authenticated and user.role == Role.CP_CHAIR


@rules.predicate
def no_object(user, obj) -> bool:
    return obj is None


@rules.predicate
def receives_alerts(user) -> bool:
    return user.is_authenticated and user.role in ALERT_RECIPIENT_ROLES


@rules.predicate
def sees_alert_log(user) -> bool:
    return user.is_authenticated and user.role in ALERT_LOG_ROLES


@rules.predicate
def is_current_recipient(user, alert) -> bool:
    """The user is the recipient of the open alert's current stage, which has no response."""
    if alert is None or alert.status != "open" or not user.is_authenticated:
        return False
    current = next((s for s in alert.stages.all() if s.stage == alert.stage), None)
    return current is not None and current.recipient_id == user.pk and current.responded_on is None


rules.add_perm("protection.chair_oversight", is_cp_chair & (no_object | person_in_scope))
rules.add_perm("protection.respond_alert", is_current_recipient)
rules.add_perm("protection.receive_alerts", receives_alerts)
rules.add_perm("protection.view_alert_log", sees_alert_log)
