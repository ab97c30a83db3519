"""Training records: a course, when it was completed and when it expires."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fluid, Layout, Submit
from django import forms

from cairn.core.forms import date_field


class TrainingForm(forms.Form):
    course = forms.CharField(
        label="Course",
        max_length=200,
        error_messages={"required": "Enter the name of the course"},
    )
    completed_on = date_field(
        label="Date completed", required_message="Enter the date the course was completed"
    )
    expires_on = date_field(
        label="Expiry date", required=False, help_text="Leave blank if it does not expire"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("course", field_width=Fluid.FULL),
            Field("completed_on"),
            Field("expires_on"),
            Submit("submit", "Add training record"),
        )


class RemovalForm(forms.Form):
    reason = forms.CharField(
        label="Why is this record being removed?",
        max_length=200,
        error_messages={"required": "Enter the reason for removing this record"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("reason", field_width=Fluid.FULL), Submit("submit", "Remove record")
        )
