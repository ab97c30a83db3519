from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fluid, Layout, Submit
from django import forms

from cairn.accounts.models import Team
from cairn.timescales.services import MAX_VALUE


class RuleSettingForm(forms.Form):
    """A local value for the council or (where the rule allows) one team."""

    team = forms.ModelChoiceField(
        queryset=Team.objects.all(),
        required=False,
        empty_label="The whole council",
        label="Applies to",
    )
    value = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_VALUE,
        error_messages={
            "invalid": "Enter the value as a whole number",
            "min_value": "The value must be 1 or more",
            "max_value": f"The value must be {MAX_VALUE} or less",
        },
    )

    def __init__(self, *args, rule, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["value"].label = f"Value in {rule.get_setting_unit_display()}"
        self.fields["value"].help_text = "Leave empty to go back to the default."
        fields = [Field.text("value", field_width=Fluid.ONE_QUARTER)]
        if rule.team_overrides:
            fields.insert(0, Field.select("team"))
        else:
            del self.fields["team"]
        self.helper = FormHelper()
        self.helper.layout = Layout(*fields, Submit("save", "Save the value"))
