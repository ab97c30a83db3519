"""Early help and step-up/step-down forms (GOV.UK Design System through crispy-forms-gds)."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fluid, Layout, Size, Submit
from django import forms

from cairn.core.forms import date_field
from cairn.earlyhelp.models import EarlyHelpEndReason
from cairn.frontdoor.models import Level


def _helper(*fields, submit: str) -> FormHelper:
    helper = FormHelper()
    helper.layout = Layout(*fields, Submit("submit", submit))
    return helper


def _text(label: str, message: str, **kwargs) -> forms.CharField:
    return forms.CharField(
        label=label, max_length=120, error_messages={"required": message}, **kwargs
    )


def _reason(label: str, message: str, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        widget=forms.Textarea,
        help_text=help_text,
        error_messages={"required": message},
    )


class EarlyHelpStartForm(forms.Form):
    started_on = date_field(label="Start date", required_message="Enter the start date")
    lead_organisation = _text("Lead organisation", "Enter the lead organisation")
    lead_practitioner = _text("Lead practitioner", "Enter the lead practitioner")
    reason = _reason("Reason for early help", "Enter the reason for early help")
    plan_summary = forms.CharField(label="Plan summary", widget=forms.Textarea, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field("started_on"),
            Field.text("lead_organisation", field_width=Fluid.TWO_THIRDS),
            Field.text("lead_practitioner", field_width=Fluid.TWO_THIRDS),
            Field.textarea("reason", rows=4),
            Field.textarea("plan_summary", rows=4),
            submit="Start early help",
        )


END_REASONS = [(v, lbl) for v, lbl in EarlyHelpEndReason.choices if v != "stepped_up"]


class EarlyHelpEndForm(forms.Form):
    ended_on = date_field(label="End date", required_message="Enter the end date")
    end_reason = forms.ChoiceField(
        label="Why did early help end?",
        choices=END_REASONS,
        widget=forms.RadioSelect,
        error_messages={"required": "Select why early help ended"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field("ended_on"),
            Field.radios("end_reason", legend_size=Size.MEDIUM),
            submit="End early help",
        )


TO_LEVELS = [(v, lbl) for v, lbl in Level.choices if v != Level.NONE]


class LevelTransitionForm(forms.Form):
    to_level = forms.ChoiceField(
        label="Which level does the child move to?",
        choices=TO_LEVELS,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the level the child moves to"},
    )
    occurred_on = date_field(
        label="Date of the change", required_message="Enter the date of the change of level"
    )
    reason = _reason("Reason for the change", "Enter the reason for the change of level")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.radios("to_level", legend_size=Size.MEDIUM),
            Field("occurred_on"),
            Field.textarea("reason", rows=4),
            submit="Record the change of level",
        )


class StepDownForm(forms.Form):
    occurred_on = date_field(
        label="Date of the step-down", required_message="Enter the date of the step-down"
    )
    reason = _reason(
        "Reason for the step-down",
        "Enter the reason for the step-down",
        help_text="What has changed for the child, and the family's agreement to early help",
    )
    lead_organisation = _text(
        "Lead organisation for early help", "Enter the lead organisation for early help"
    )
    lead_practitioner = _text(
        "Lead practitioner for early help", "Enter the lead practitioner for early help"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field("occurred_on"),
            Field.textarea("reason", rows=4),
            Field.text("lead_organisation", field_width=Fluid.TWO_THIRDS),
            Field.text("lead_practitioner", field_width=Fluid.TWO_THIRDS),
            submit="Step down to early help",
        )


class StepUpForm(forms.Form):
    occurred_on = date_field(
        label="Date of the step-up", required_message="Enter the date of the step-up"
    )
    reason = _reason("Reason for the step-up", "Enter the reason for the step-up")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field("occurred_on"), Field.textarea("reason", rows=4), submit="Step up"
        )
