"""Allocating a child's case (GOV.UK Design System through crispy-forms-gds)."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fluid, Layout, Submit
from django import forms

from cairn.core.forms import date_field
from cairn.frontdoor.forms import WorkerChoiceField
from cairn.workforce.selectors.allocation import (
    team_list_for_allocation,
    worker_list_for_allocation,
)


class ChildAllocateForm(forms.Form):
    team = forms.ModelChoiceField(
        label="Team",
        queryset=None,
        empty_label="Select a team",
        error_messages={"required": "Select the team the child is allocated to"},
    )
    worker = WorkerChoiceField(
        label="Social worker",
        queryset=None,
        required=False,
        empty_label="Not yet allocated to a worker",
        help_text="Leave as not yet allocated to place the child in the team's queue",
    )
    started_on = date_field(
        label="Allocated from", required_message="Enter the date the allocation starts"
    )
    reason = forms.CharField(
        label="Reason for the change",
        max_length=200,
        error_messages={"required": "Enter the reason for the change of allocation"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = team_list_for_allocation()
        self.fields["worker"].queryset = worker_list_for_allocation()
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.select("team"),
            Field.select("worker"),
            Field("started_on"),
            Field.text("reason", field_width=Fluid.FULL),
            Submit("submit", "Allocate"),
        )
