"""A member of staff's record: account facts and HR facts on one page."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fluid, Layout, Size, Submit
from django import forms

from cairn.accounts.models import Team
from cairn.accounts.roles import Role
from cairn.core.forms import date_field
from cairn.workforce.selectors.staff import manager_choices


class StaffRecordForm(forms.Form):
    role = forms.ChoiceField(
        label="Role",
        choices=[(r.value, r.label) for r in Role if r != Role.SYSTEM],
        error_messages={"required": "Select the role"},
    )
    team = forms.ModelChoiceField(
        label="Team", queryset=None, required=False, empty_label="No team"
    )
    manager = forms.ModelChoiceField(
        label="Manager", queryset=None, required=False, empty_label="No manager"
    )
    fte = forms.DecimalField(
        label="Full-time equivalent",
        help_text="For example, 1 for full time or 0.6 for three days a week",
        max_digits=3,
        decimal_places=2,
        error_messages={
            "required": "Enter the full-time equivalent",
            "invalid": "Enter the full-time equivalent as a number, like 0.6",
        },
    )
    is_agency = forms.TypedChoiceField(
        label="Contract",
        choices=[("False", "Permanent"), ("True", "Agency")],
        coerce=lambda value: value == "True",
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether they are agency or permanent"},
    )
    swe_number = forms.CharField(
        label="Social Work England registration number",
        max_length=12,
        required=False,
        help_text="For example, SW123456",
    )
    qualified_on = date_field(label="Date qualified", required=False)
    started_on = date_field(label="Start date", required_message="Enter the date they started")
    left_on = date_field(
        label="Leaving date",
        required=False,
        help_text="Their access ends on this day",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.order_by("name")
        self.fields["manager"].queryset = manager_choices()
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.select("role"),
            Field.select("team"),
            Field.select("manager"),
            Field.text("fte", field_width=Fluid.ONE_QUARTER),
            Field.radios("is_agency", legend_size=Size.SMALL, inline=True),
            Field.text("swe_number", field_width=Fluid.ONE_THIRD),
            Field("qualified_on"),
            Field("started_on"),
            Field("left_on"),
            "version",
            Submit("submit", "Save staff record"),
        )
