"""Permissions: only a system administrator changes the local values of the drift rules; the
drift pages (ADR 0019) by role:

- `timescales.view_my_alerts`: case holders (their children and those they cover);
- `timescales.view_team_alerts`: team and service managers (the teams they manage) and senior
  leaders (every team); object-level, the team (accounts.Team);
- `timescales.view_service_alerts`: service managers (their service) and senior leaders and
  performance analysts (the council);
- `timescales.view_chair_alerts`: CP chairs (the children whose conference they chaired).
"""

import rules

from cairn.accounts.roles import Role
from cairn.accounts.rules import holds_cases, is_system_admin
from cairn.accounts.selectors import team_ids_managed_by

rules.add_perm("timescales.manage_rules", is_system_admin)


@rules.predicate
def is_team_or_service_manager(user) -> bool:
    return user.is_authenticated and user.role in (Role.TEAM_MANAGER, Role.SERVICE_MANAGER)


@rules.predicate
def is_senior_leader(user) -> bool:
    return user.is_authenticated and user.role == Role.SENIOR_LEADER


@rules.predicate
def sees_council_figures(user) -> bool:
    return user.is_authenticated and user.role in (
        Role.SERVICE_MANAGER,
        Role.SENIOR_LEADER,
        Role.PERFORMANCE_ANALYST,
    )


@rules.predicate
def is_cp_chair(user) -> bool:
    return user.is_authenticated and user.role == Role.CP_CHAIR


@rules.predicate
def manages_alert_team(user, team) -> bool:
    """No team: the page itself; a team: one the user manages."""
    return team is None or team.pk in team_ids_managed_by(user=user)


rules.add_perm("timescales.view_my_alerts", holds_cases)
rules.add_perm(
    "timescales.view_team_alerts",
    (is_team_or_service_manager & manages_alert_team) | is_senior_leader,
)
rules.add_perm("timescales.view_service_alerts", sees_council_figures)
rules.add_perm("timescales.view_chair_alerts", is_cp_chair)
