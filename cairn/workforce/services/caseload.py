"""Writes to caseload settings: the council's weight per case type and a team's caseload
threshold (`CASELOAD_HIGH`, timescales.md: local, default 20). Supervision standards too:
they are the other local setting managers keep for their teams."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from cairn.accounts.models import Team, User
from cairn.accounts.roles import Role
from cairn.core.audit import audit_record
from cairn.core.models import AuditAction
from cairn.core.records import record_create, record_update
from cairn.workforce.models import CaseloadWeight, CaseType, SupervisionStandard
from cairn.workforce.selectors.caseload import DEFAULT_WEIGHTS, caseload_team_ids_visible_to

MAX_WEIGHT = Decimal("10")
MAX_THRESHOLD = 100


def _weight_error(case_type: str, weight: Decimal | None) -> str:
    if case_type not in CaseType.values:
        return "Unknown case type"
    label = CaseType(case_type).label.lower()
    if weight is None:
        return f"Enter the weight for {label}"
    if weight <= 0 or weight > MAX_WEIGHT:
        return f"The weight for {label} must be more than 0 and at most {MAX_WEIGHT}"
    return ""


@transaction.atomic
def caseload_weights_set(*, actor: User, weights: dict[str, Decimal | None]) -> list[str]:
    """Set the council's weight for each case type given (system administrators); returns the
    case types changed. The first change of a type creates the council's row (until then the
    default applies); later changes update it, so the audit trail keeps every value with who
    changed it and when. Errors are keyed by case type."""
    if actor.role != Role.SYSTEM_ADMIN:
        raise ValidationError("Only a system administrator can change caseload weights")
    errors = {
        case_type: problem
        for case_type, weight in weights.items()
        if (problem := _weight_error(case_type, weight))
    }
    if errors:
        raise ValidationError(errors)
    rows = {
        row.case_type: row
        for row in CaseloadWeight.objects.select_for_update().filter(case_type__in=list(weights))
    }
    changed = []
    for case_type, weight in weights.items():
        row = rows.get(case_type)
        if row is None:
            if weight == DEFAULT_WEIGHTS[case_type]:
                continue
            record_create(model=CaseloadWeight, actor=actor, case_type=case_type, weight=weight)
        elif row.weight == weight:
            continue
        else:
            record_update(instance=row, actor=actor, expected_version=row.version, weight=weight)
        changed.append(case_type)
    return changed


def may_set_team_settings(*, actor: User, team: Team) -> bool:
    """A team's caseload threshold and supervision standard are set by its managers (team or
    service manager) or a system administrator."""
    if actor.role == Role.SYSTEM_ADMIN:
        return True
    if actor.role not in (Role.TEAM_MANAGER, Role.SERVICE_MANAGER):
        return False
    visible = caseload_team_ids_visible_to(user=actor)
    return visible is None or team.pk in visible


@transaction.atomic
def team_caseload_threshold_set(*, actor: User, team: Team, threshold: int | None) -> Team:
    """Set the number of children above which a worker in the team is flagged (CASELOAD_HIGH).
    Teams are not versioned records, so the change is audited here, before and after."""
    errors: dict[str, str] = {}
    if not may_set_team_settings(actor=actor, team=team):
        errors["threshold"] = f"You cannot change the caseload threshold of {team.name}"
    if threshold is None:
        errors["threshold"] = "Enter the caseload threshold"
    elif not 1 <= threshold <= MAX_THRESHOLD:
        errors["threshold"] = f"The caseload threshold must be between 1 and {MAX_THRESHOLD}"
    if errors:
        raise ValidationError(errors)
    team = Team.objects.select_for_update().get(pk=team.pk)
    before = team.caseload_threshold
    if before == threshold:
        return team
    team.caseload_threshold = threshold
    team.save(update_fields=["caseload_threshold"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=team,
        changes={"caseload_threshold": [before, threshold]},
    )
    return team


@transaction.atomic
def supervision_standard_set(
    *,
    actor: User,
    team: Team | None,
    interval_months: int | None,
    nq_weekly_weeks: int | None,
    nq_fortnightly_months: int | None,
) -> SupervisionStandard:
    """Set a team's supervision standard (its managers or a system administrator), or the
    council's default (`team` None: system administrators). Timescales.md: SUPERVISION_DUE is
    local, per team; newly qualified: weekly for 6 weeks, fortnightly to 6 months by default."""
    errors: dict[str, str] = {}
    allowed = (
        actor.role == Role.SYSTEM_ADMIN
        if team is None
        else may_set_team_settings(actor=actor, team=team)
    )
    if not allowed:
        errors["interval_months"] = "You cannot change this supervision standard"
    if interval_months is None or not 1 <= interval_months <= 3:
        errors["interval_months"] = "Supervision must be every 1, 2 or 3 months"
    if nq_weekly_weeks is None or not 0 <= nq_weekly_weeks <= 26:
        errors["nq_weekly_weeks"] = "Enter a number of weeks from 0 to 26"
    if nq_fortnightly_months is None or not 0 <= nq_fortnightly_months <= 12:
        errors["nq_fortnightly_months"] = "Enter a number of months from 0 to 12"
    elif nq_weekly_weeks is not None and nq_fortnightly_months * 4 < nq_weekly_weeks:
        errors["nq_fortnightly_months"] = (
            "Fortnightly supervision must last until after the weekly weeks end"
        )
    if errors:
        raise ValidationError(errors)
    values = {
        "interval_months": interval_months,
        "nq_weekly_weeks": nq_weekly_weeks,
        "nq_fortnightly_months": nq_fortnightly_months,
    }
    current = SupervisionStandard.objects.select_for_update().filter(team=team).first()
    if current is None:
        return record_create(model=SupervisionStandard, actor=actor, team=team, **values)
    return record_update(instance=current, actor=actor, expected_version=current.version, **values)
