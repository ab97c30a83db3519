from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fluid, Layout, Submit
from django import forms

from cairn.core.forms import date_field


class AccessReviewForm(forms.Form):
    reference = forms.CharField(
        label="LA child ID or person ID",
        max_length=20,
        error_messages={"required": "Enter the LA child ID or person ID"},
    )
    start = date_field(label="From", required_message="Enter the start of the period")
    end = date_field(label="To", required_message="Enter the end of the period")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.layout = Layout(
            Field.text("reference", field_width=Fluid.ONE_THIRD),
            Field("start"),
            Field("end"),
            Submit("review", "Show access"),
        )

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", "The end of the period must be on or after its start")
        return data
