"""The drift pages' GET filters: rule, status and team (ADR 0019)."""

from django import forms

from cairn.timescales.alert_selectors import AlertFilter, rule_codes
from cairn.timescales.catalogue import CATALOGUE
from cairn.timescales.engine import Status

STATUS_LABELS = {Status.OVERDUE: "Overdue", Status.DUE_SOON: "Due soon", Status.FLAG: "Flag"}


class AlertFilterForm(forms.Form):
    """Unbound values mean "all". A value not on the list is an error on that field, and the
    page shows every alert for it rather than guessing."""

    rule = forms.ChoiceField(
        label="Rule",
        required=False,
        error_messages={"invalid_choice": "Select a rule from the list"},
    )
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "All statuses"), *STATUS_LABELS.items()],
        error_messages={"invalid_choice": "Select a status from the list"},
    )
    team = forms.TypedChoiceField(
        label="Team",
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": "Select a team from the list"},
    )

    def __init__(self, data, *, teams=None, team_required=False):
        super().__init__(data)
        self.fields["rule"].choices = [("", "All rules")] + [
            (code, f"{CATALOGUE[code].name} ({code})") for code in rule_codes()
        ]
        if teams is None:
            del self.fields["team"]
        else:
            blank = [] if team_required else [("", "All teams")]
            self.fields["team"].choices = blank + [(str(t.pk), t.name) for t in teams]

    def value(self) -> AlertFilter:
        """The filter to apply: the valid fields' values."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return AlertFilter(
            rule=data.get("rule") or None,
            status=data.get("status") or None,
            team=data.get("team"),
        )

    def options(self, name: str) -> list[dict]:
        """A select's options with the chosen one marked, for the template."""
        chosen = self.data.get(name, "") if name not in self.errors else ""
        return [
            {"value": value, "label": label, "selected": str(value) == chosen}
            for value, label in self.fields[name].choices
        ]
