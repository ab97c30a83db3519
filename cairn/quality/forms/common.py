"""What the audit programme's forms share: field builders and the form helper."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Layout, Submit
from django import forms

from cairn.frontdoor.models import Level
from cairn.quality.models import Grade

GRADE_CHOICES = Grade.choices
SAMPLE_LEVELS = [
    (Level.EARLY_HELP, Level.EARLY_HELP.label),
    (Level.CIN, Level.CIN.label),
    (Level.CP, Level.CP.label),
    (Level.PRE_PROCEEDINGS, Level.PRE_PROCEEDINGS.label),
    (Level.LOOKED_AFTER, Level.LOOKED_AFTER.label),
]


def form_helper(*fields, button: str, form_tag: bool = True) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = form_tag
    helper.layout = Layout(*fields, Submit("submit", button))
    return helper


def text_area(label: str, required_message: str = "", help_text: str = "", rows: int = 4):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=bool(required_message),
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": required_message},
    )


def version_field():
    return forms.IntegerField(widget=forms.HiddenInput, required=False)
