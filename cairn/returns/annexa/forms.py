"""The Annex A page's one question: the reference date."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Submit
from django import forms

from cairn.core.forms import date_field


class AnnexAForm(forms.Form):
    reference_date = date_field(
        label="Reference date",
        help_text="Usually the first day of the inspection. For example, 31 3 2026",
        required_message="Enter the reference date",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field("reference_date"), Submit("submit", "Produce the workbook")
        )
