"""Forms for the CP chair's oversight: midpoint review, raising, responding to, escalating and
resolving a practice alert."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms

from cairn.casework.forms.visits import yes_no
from cairn.core.forms import date_field
from cairn.protection.models import AlertConcern, ProgressRating


def _helper(*fields, submit: str, versioned: bool = True) -> FormHelper:
    """The layout with the hidden version (the edit's concurrency check) and the button."""
    helper = FormHelper()
    version = [Field("version")] if versioned else []
    helper.layout = Layout(*fields, *version, Submit("submit", submit))
    return helper


def _text(label: str, message: str = "", help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=bool(message),
        widget=forms.Textarea,
        error_messages={"required": message} if message else {},
    )


class MidpointReviewForm(forms.Form):
    reviewed_on = date_field(
        label="Date of the review",
        help_text="For example, 27 3 2026",
        required_message="Enter the date of the review",
    )
    progress = forms.ChoiceField(
        label="How is the plan progressing?",
        choices=ProgressRating.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the plan is progressing"},
    )
    concerns = _text("Concerns", help_text="Required if the plan is not progressing")
    actions = _text("Actions", help_text="What needs to happen before the next conference")
    alert_raised = yes_no(
        "Do you need to raise a practice alert?", "Select yes if you need to raise a practice alert"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field("reviewed_on"),
            Field.radios("progress", legend_size=Size.SMALL),
            Field.textarea("concerns", rows=4),
            Field.textarea("actions", rows=4),
            Field.radios("alert_raised", legend_size=Size.SMALL, inline=True),
            submit="Save the midpoint review",
            versioned=False,
        )


class RecipientChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.get_full_name()}, {obj.team}" if obj.team_id else obj.get_full_name()


class PracticeAlertRaiseForm(forms.Form):
    concern = forms.ChoiceField(
        label="What is the concern?",
        choices=AlertConcern.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the concern"},
    )
    concern_detail = _text(
        "Details of the concern",
        "Enter what the concern is and what needs to change",
        help_text="What you found and what you expect to change",
    )
    recipient = RecipientChoiceField(
        label="Team manager to respond",
        queryset=None,
        help_text="The team manager of the child's allocated team unless you choose another",
        error_messages={"required": "Select the team manager to respond"},
    )

    def __init__(self, *args, recipients=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient"].queryset = recipients
        self.helper = _helper(
            Field.radios("concern", legend_size=Size.SMALL),
            Field.textarea("concern_detail", rows=5),
            Field.select("recipient"),
            submit="Raise the practice alert",
            versioned=False,
        )


class PracticeAlertRespondForm(forms.Form):
    response = _text("Your response", "Enter your response to the chair's concern")
    agreed_actions = _text(
        "Remedial actions agreed",
        "Enter the remedial actions agreed, with who and by when",
        help_text="Who will do what, and by when",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.textarea("response", rows=5),
            Field.textarea("agreed_actions", rows=5),
            submit="Send the response",
        )


class PracticeAlertEscalateForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, stage_label: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(submit=f"Escalate to the {stage_label}")


class PracticeAlertResolveForm(forms.Form):
    resolution = _text("How was the concern resolved?", "Enter how the concern was resolved")
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.textarea("resolution", rows=5), submit="Resolve the practice alert"
        )
