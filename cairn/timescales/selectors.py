"""Reads for the rule settings page: each rule with its council value and team overrides, and
the history of who changed a rule's values."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType

from cairn.core.models import AuditEvent
from cairn.timescales.models import Rule, RuleSetting


@dataclass(frozen=True)
class RuleRow:
    rule: Rule
    council_value: int | None
    is_default: bool
    team_values: list[RuleSetting]


def rule_list_with_values() -> list[RuleRow]:
    """Every rule of the catalogue with its council value (or default) and team overrides.
    Two queries."""
    settings = list(RuleSetting.objects.select_related("team").order_by("team__name"))
    rows = []
    for rule in Rule.objects.all():
        mine = [s for s in settings if s.rule_id == rule.pk]
        council = next((s for s in mine if s.team_id is None), None)
        rows.append(
            RuleRow(
                rule=rule,
                council_value=council.value if council else rule.default_value,
                is_default=council is None,
                team_values=[s for s in mine if s.team_id is not None],
            )
        )
    return rows


def rule_get(*, code: str) -> Rule:
    return Rule.objects.get(code=code)


def rule_setting_history(*, rule: Rule) -> list[AuditEvent]:
    """Every change to the rule's settings (council and teams), newest first."""
    setting_ids = [
        str(pk) for pk in RuleSetting.all_objects.filter(rule=rule).values_list("pk", flat=True)
    ]
    return list(
        AuditEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(RuleSetting),
            object_id__in=setting_ids,
        ).select_related("actor")
    )
