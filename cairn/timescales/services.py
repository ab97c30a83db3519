"""Writes: a council's or team's local value of a rule (with history via core.records)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from cairn.accounts.roles import Role
from cairn.core.records import record_create, record_remove, record_update
from cairn.timescales.catalogue import CATALOGUE
from cairn.timescales.models import Rule, RuleSetting

MAX_VALUE = 999


def rule_setting_set(
    *,
    actor,
    rule: Rule,
    team=None,
    value: int | None,
    expected_version: int | None = None,
    via: str = "web",
) -> RuleSetting | None:
    """Set (or, with value None, clear back to the council value or default) the local value
    of a rule for the council or one team. Only a system administrator may; statutory rules and
    values kept elsewhere (supervision standards) are refused, as are team values for rules
    that are council-wide only. Returns the setting (None when cleared)."""
    if actor.role != Role.SYSTEM_ADMIN:
        raise PermissionDenied("Only a system administrator can change local rule values.")
    definition = CATALOGUE[rule.code]
    if not definition.editable:
        raise ValidationError(f"{rule.code} is fixed: its value cannot be changed here.")
    if team is not None and not definition.team_overrides:
        raise ValidationError({"team": f"{rule.code} has one value for the whole council."})
    if value is not None and not 1 <= value <= MAX_VALUE:
        raise ValidationError({"value": f"Enter a whole number from 1 to {MAX_VALUE}."})
    with transaction.atomic():
        current = RuleSetting.objects.select_for_update().filter(rule=rule, team=team).first()
        if current is None:
            if value is None:
                return None
            return record_create(
                model=RuleSetting, actor=actor, via=via, rule=rule, team=team, value=value
            )
        version = current.version if expected_version is None else expected_version
        if value is None:
            record_remove(instance=current, actor=actor, reason="Back to the default", via=via)
            return None
        return record_update(
            instance=current, actor=actor, expected_version=version, via=via, value=value
        )
