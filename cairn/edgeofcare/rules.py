"""Permissions on edge-of-care records (issue 5). Object: the child (people.Person), so scope
follows the child. The matrix is in docs/permissions.md.

- `edgeofcare.view_record`: whoever may view the child's casework record, and the edge-of-care
  team for the children referred to it (they work with children allocated to other teams); a
  restricted child only if they are named on its allow list or have broken glass (ADR 0023).
- `edgeofcare.refer`: record writers with the child in scope (the child's worker and managers).
- `edgeofcare.decide`: team and service managers of an edge-of-care team, for a referred child.
- `edgeofcare.work`: record writers in an edge-of-care team, for a referred child: the
  intervention, its sessions and its outcome.
- `edgeofcare.view_service`: the edge-of-care team's list of referrals and interventions.
- `edgeofcare.view_report`: the service report (figures, no names) for managers and above,
  performance analysts, senior leaders and the edge-of-care team.
"""

import rules

from cairn.accounts.roles import Role, TeamKind
from cairn.accounts.rules import can_view_children, can_write_records
from cairn.casework.rules import is_manager
from cairn.edgeofcare.models import EdgeOfCareReferral
from cairn.governance.access import restriction_permits
from cairn.people.rules import person_in_scope

REPORT_ROLES = frozenset(
    {Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.SENIOR_LEADER, Role.PERFORMANCE_ANALYST}
)


@rules.predicate
def in_edge_of_care_team(user) -> bool:
    return (
        user.is_authenticated
        and user.team_id is not None
        and user.team.kind == TeamKind.EDGE_OF_CARE
        and can_view_children(user)
    )


@rules.predicate
def referred_to_service(user, child) -> bool:
    return child is not None and EdgeOfCareReferral.objects.filter(child=child).exists()


@rules.predicate
def restriction_allows(user, child) -> bool:
    # A restricted child (ADR 0023) opens to the service's team only if they are named on its
    # allow list or have broken glass, as for everyone else.
    return child is not None and restriction_permits(user=user, person=child)


@rules.predicate
def sees_report(user) -> bool:
    return user.is_authenticated and user.role in REPORT_ROLES


_service_member = in_edge_of_care_team & referred_to_service & restriction_allows

rules.add_perm("edgeofcare.view_record", (can_view_children & person_in_scope) | _service_member)
rules.add_perm("edgeofcare.refer", can_write_records & person_in_scope)
rules.add_perm("edgeofcare.decide", is_manager & _service_member)
rules.add_perm("edgeofcare.work", can_write_records & _service_member)
rules.add_perm("edgeofcare.view_service", in_edge_of_care_team)
rules.add_perm("edgeofcare.view_report", sees_report | in_edge_of_care_team)
