"""Recording an absence, setting cover and ending an absence."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fluid, Layout, Size, Submit
from django import forms

from cairn.core.forms import date_field
from cairn.frontdoor.forms import WorkerChoiceField
from cairn.workforce.models import AbsenceKind


class AbsenceForm(forms.Form):
    worker = WorkerChoiceField(
        label="Who is away?",
        queryset=None,
        empty_label="Select a worker",
        error_messages={"required": "Select the worker who is away"},
    )
    kind = forms.ChoiceField(
        label="Is the absence planned or unplanned?",
        choices=AbsenceKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the absence is planned or unplanned"},
    )
    starts_on = date_field(
        label="First day of the absence", required_message="Enter the first day of the absence"
    )
    expected_end_on = date_field(
        label="Expected last day of the absence",
        required=False,
        help_text="Leave blank if not known",
    )
    reason = forms.CharField(
        label="Reason (optional)",
        max_length=200,
        required=False,
        help_text="For example, annual leave or sickness. Keep health details out of it.",
    )

    def __init__(self, *args, workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = workers
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.select("worker"),
            Field.radios("kind", legend_size=Size.SMALL, inline=True),
            Field("starts_on"),
            Field("expected_end_on"),
            Field.text("reason", field_width=Fluid.FULL),
            Submit("submit", "Record absence"),
        )


class CoverForm(forms.Form):
    cover_worker = WorkerChoiceField(
        label="Cover worker",
        queryset=None,
        empty_label="Select the cover worker",
        error_messages={"required": "Select the cover worker"},
    )
    starts_on = date_field(
        label="First day of the cover", required_message="Enter the first day of the cover"
    )
    ends_on = date_field(
        label="Last day of the cover", required_message="Enter the last day of the cover"
    )

    def __init__(self, *args, workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cover_worker"].queryset = workers
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.select("cover_worker"),
            Field("starts_on"),
            Field("ends_on"),
            Submit("submit", "Set cover"),
        )


class AbsenceEndForm(forms.Form):
    ended_on = date_field(
        label="Last day of the absence", required_message="Enter the last day of the absence"
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(Field("ended_on"), "version", Submit("submit", "End absence"))
