"""Keep the Rule table in step with cairn/timescales/catalogue.py after every migrate."""

from cairn.timescales.catalogue import CATALOGUE
from cairn.timescales.models import Rule

SYNCED_FIELDS = [
    "kind",
    "name",
    "description",
    "setting_unit",
    "default_value",
    "team_overrides",
    "editable",
    "evaluated",
    "sort_order",
]


def sync_rules(sender, using="default", **kwargs) -> None:
    existing = {rule.code: rule for rule in Rule.objects.using(using).all()}
    to_create, to_update = [], []
    for order, definition in enumerate(CATALOGUE.values()):
        values = {
            "kind": definition.kind,
            "name": definition.name,
            "description": definition.description,
            "setting_unit": definition.setting_unit,
            "default_value": definition.default,
            "team_overrides": definition.team_overrides,
            "editable": definition.editable,
            "evaluated": definition.evaluated,
            "sort_order": order,
        }
        row = existing.get(definition.code)
        if row is None:
            to_create.append(Rule(code=definition.code, **values))
        elif any(getattr(row, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(row, name, value)
            to_update.append(row)
    Rule.objects.using(using).bulk_create(to_create)
    Rule.objects.using(using).bulk_update(to_update, SYNCED_FIELDS)
