"""Roles and what each may do. The matrix is documented in docs/permissions.md and tested."""

from django.db import models


class Role(models.TextChoices):
    SOCIAL_WORKER = "social_worker", "Social worker"
    SENIOR_PRACTITIONER = "senior_practitioner", "Senior practitioner"
    TEAM_MANAGER = "team_manager", "Team manager"
    SERVICE_MANAGER = "service_manager", "Service manager"
    CP_CHAIR = "cp_chair", "Child protection chair"
    QA_OFFICER = "qa_officer", "Quality assurance officer"
    PERFORMANCE_ANALYST = "performance_analyst", "Performance analyst"
    SENIOR_LEADER = "senior_leader", "Senior leader"
    IG_OFFICER = "ig_officer", "Information governance officer"
    SYSTEM_ADMIN = "system_admin", "System administrator"
    SYSTEM = "system", "System (jobs and imports)"


# How far a role sees children's records.
#   own_team: children allocated to the user or to their team;
#   managed_teams: children of every team the user manages (their team and teams below it);
#   all: every child.
class Scope(models.TextChoices):
    NONE = "none"
    OWN_TEAM = "own_team"
    MANAGED_TEAMS = "managed_teams"
    ALL = "all"


CHILD_RECORD_SCOPE: dict[str, str] = {
    Role.SOCIAL_WORKER: Scope.OWN_TEAM,
    Role.SENIOR_PRACTITIONER: Scope.OWN_TEAM,
    Role.TEAM_MANAGER: Scope.MANAGED_TEAMS,
    Role.SERVICE_MANAGER: Scope.MANAGED_TEAMS,
    Role.CP_CHAIR: Scope.ALL,
    Role.QA_OFFICER: Scope.ALL,
    Role.PERFORMANCE_ANALYST: Scope.ALL,
    Role.SENIOR_LEADER: Scope.ALL,
    Role.IG_OFFICER: Scope.ALL,
    Role.SYSTEM_ADMIN: Scope.NONE,
    Role.SYSTEM: Scope.ALL,
}

# Roles that may create and change children's records (within their scope).
RECORD_WRITERS = frozenset(
    {Role.SOCIAL_WORKER, Role.SENIOR_PRACTITIONER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER}
)

# Roles that may review who viewed and changed records.
ACCESS_REVIEWERS = frozenset({Role.IG_OFFICER})

# Roles with a case-holding "my children" home page.
CASE_HOLDERS = frozenset({Role.SOCIAL_WORKER, Role.SENIOR_PRACTITIONER, Role.TEAM_MANAGER})


class TeamKind(models.TextChoices):
    SERVICE = "service", "Service area"
    FRONT_DOOR = "front_door", "Front door / MASH"
    ASSESSMENT = "assessment", "Assessment"
    CIN_CP = "cin_cp", "Children in need and child protection"
    DISABLED_CHILDREN = "disabled_children", "Disabled children"
    CHILDREN_IN_CARE = "children_in_care", "Children in care"
    EDGE_OF_CARE = "edge_of_care", "Edge of care"
    SAFEGUARDING_QA = "safeguarding_qa", "Safeguarding and quality assurance"
    PERFORMANCE = "performance", "Performance and business intelligence"
    LEADERSHIP = "leadership", "Leadership"
