"""Permissions on workforce pages (docs/permissions.md).

Managers act for the teams they manage (their team and the teams below it); system
administrators keep staff records. Object-level checks take the worker, team or child.
"""

import rules

from cairn.accounts.roles import Role
from cairn.accounts.rules import can_view_children, can_write_records, is_system_admin
from cairn.accounts.selectors import team_ids_managed_by
from cairn.casework.rules import is_manager
from cairn.people.rules import person_in_scope

# --- Staff, allocation, absence and cover, training (W1) ------------------------------------


@rules.predicate
def manages_worker(user, worker) -> bool:
    """The user is a team or service manager of the worker's team (or a team above it)."""
    return (
        worker is not None
        and worker.team_id is not None
        and worker.pk != user.pk
        and worker.team_id in team_ids_managed_by(user=user)
    )


@rules.predicate
def manages_team(user, team) -> bool:
    return team is not None and team.pk in team_ids_managed_by(user=user)


@rules.predicate
def is_team_member(user, team) -> bool:
    return team is not None and user.team_id == team.pk


@rules.predicate
def is_self(user, worker) -> bool:
    return worker is not None and worker.pk == user.pk


@rules.predicate
def is_senior_leader(user) -> bool:
    return user.is_authenticated and user.role == Role.SENIOR_LEADER


# Staff records: managers for their teams, administrators for everyone.
rules.add_perm("workforce.view_staff_list", is_manager | is_system_admin)
rules.add_perm("workforce.manage_staff", is_system_admin | (is_manager & manages_worker))
rules.add_perm("workforce.view_staff", is_self | is_system_admin | (is_manager & manages_worker))
# Absence and cover: a manager for the workers of the teams they manage.
rules.add_perm("workforce.view_absences", is_manager)
rules.add_perm("workforce.manage_absence", is_manager & manages_worker)
# Allocation: the history is part of the child's record (casework.view_record); managers
# allocate.
rules.add_perm("workforce.allocate", is_manager & can_write_records & person_in_scope)
rules.add_perm("workforce.manage_allocations", is_manager & can_write_records)
# The unallocated queue of a team: its members and its managers.
rules.add_perm("workforce.view_queue", can_write_records & (is_team_member | manages_team))

# --- Caseloads, supervision, case oversight, the workforce report (W2) ----------------------


@rules.predicate
def sees_every_team(user) -> bool:
    """Senior leaders and performance analysts see every team's workforce figures."""
    return user.is_authenticated and user.role in (Role.SENIOR_LEADER, Role.PERFORMANCE_ANALYST)


@rules.predicate
def is_line_manager(user, worker) -> bool:
    return worker is not None and worker.manager_id == user.pk and worker.pk != user.pk


@rules.predicate
def is_service_manager(user) -> bool:
    return user.is_authenticated and user.role == Role.SERVICE_MANAGER


# Caseloads: a team's for its managers and senior leaders; by team for service managers and
# senior leaders; the weights for system administrators; a team's threshold for its managers.
rules.add_perm("workforce.view_team_caseloads", is_manager | is_senior_leader)
rules.add_perm("workforce.view_team_caseload", (is_manager & manages_team) | is_senior_leader)
rules.add_perm("workforce.view_service_caseloads", is_service_manager | is_senior_leader)
rules.add_perm("workforce.manage_caseload_weights", is_system_admin)
rules.add_perm("workforce.set_team_settings", is_system_admin | (is_manager & manages_team))
# Supervision: recorded by a manager of the worker's team; compliance seen by managers (their
# teams), senior leaders and performance analysts (every team).
rules.add_perm("workforce.record_supervision", is_manager & (manages_worker | is_line_manager))
rules.add_perm("workforce.view_supervision", is_manager | sees_every_team)
rules.add_perm(
    "workforce.view_worker_supervision",
    is_self | (is_manager & (manages_worker | is_line_manager)),
)
# Case-level management oversight on a child's record (object: the child).
rules.add_perm("workforce.view_oversight", can_view_children & person_in_scope)
rules.add_perm("workforce.record_oversight", is_manager & person_in_scope)


@rules.predicate
def owns_action(user, action) -> bool:
    return action is not None and action.owner_id == user.pk


@rules.predicate
def manages_actions_child(user, action) -> bool:
    return action is not None and is_manager(user) and person_in_scope(user, action.entry.child)


# Marking an oversight action done (object: the action): its owner, or a manager of the child.
rules.add_perm("workforce.complete_oversight_action", owns_action | manages_actions_child)
# The workforce report: service managers (their service), senior leaders and analysts.
rules.add_perm("workforce.view_workforce_report", is_service_manager | sees_every_team)
