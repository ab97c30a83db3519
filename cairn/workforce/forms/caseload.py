"""Caseload settings: a team's threshold, the council's weights, a supervision standard."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fixed, Layout, Size, Submit
from django import forms

from cairn.workforce.models import CaseType


class ThresholdForm(forms.Form):
    threshold = forms.IntegerField(
        label="Caseload threshold",
        help_text="A worker holding more children than this is flagged as over threshold",
        error_messages={
            "required": "Enter the caseload threshold",
            "invalid": "The caseload threshold must be a whole number, like 18",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("threshold", field_width=Fixed.FIVE),
            Submit("submit", "Save threshold"),
        )


class WeightsForm(forms.Form):
    """One weight per case type (the council's; a case type is weighted 1 when like CIN)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in CaseType.choices:
            self.fields[value] = forms.DecimalField(
                label=label,
                max_digits=4,
                decimal_places=2,
                error_messages={
                    "required": f"Enter the weight for {label.lower()}",
                    "invalid": f"The weight for {label.lower()} must be a number, like 1.5",
                    "max_digits": f"The weight for {label.lower()} must be at most 10",
                    "max_decimal_places": (
                        f"The weight for {label.lower()} can have at most 2 decimal places"
                    ),
                },
            )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            *[Field.text(value, field_width=Fixed.FIVE) for value in CaseType.values],
            Submit("submit", "Save weights"),
        )


class StandardForm(forms.Form):
    interval_months = forms.TypedChoiceField(
        label="How often are workers supervised?",
        choices=[("1", "Every month"), ("2", "Every 2 months"), ("3", "Every 3 months")],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how often workers are supervised"},
    )
    nq_weekly_weeks = forms.IntegerField(
        label="Newly qualified: weeks of weekly supervision from their start",
        error_messages={"required": "Enter the number of weeks", "invalid": "Enter a number"},
    )
    nq_fortnightly_months = forms.IntegerField(
        label="Newly qualified: fortnightly supervision until this many months from their start",
        error_messages={"required": "Enter the number of months", "invalid": "Enter a number"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.radios("interval_months", legend_size=Size.SMALL),
            Field.text("nq_weekly_weeks", field_width=Fixed.FIVE),
            Field.text("nq_fortnightly_months", field_width=Fixed.FIVE),
            Submit("submit", "Save standard"),
        )
