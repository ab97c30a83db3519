"""Case note forms: drafting or changing a draft, and appending to a final note."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fluid, Layout, Size, Submit
from django import forms

from cairn.core.forms import date_field


class CaseNoteForm(forms.Form):
    occurred_on = date_field(
        label="Date",
        help_text="The day the note is about. For example, 27 3 2026",
        required_message="Enter the date of the case note",
    )
    subject = forms.CharField(
        label="Subject",
        max_length=200,
        error_messages={"required": "Enter a subject for the case note"},
    )
    text = forms.CharField(
        label="Case note",
        widget=forms.Textarea,
        error_messages={"required": "Enter the case note"},
    )
    is_significant = forms.BooleanField(
        label="This is a significant event (it will show in the child's chronology)",
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, submit_label: str = "Save as draft", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field("occurred_on"),
            Field.text("subject", field_width=Fluid.TWO_THIRDS),
            Field.textarea("text", rows=8),
            Field.checkbox("is_significant"),
            Field("version"),
            Submit("submit", submit_label),
        )


class AppendForm(forms.Form):
    text = forms.CharField(
        label="Add to this case note",
        help_text="The note stays as it was finalised; what you add is shown beneath it",
        widget=forms.Textarea,
        error_messages={"required": "Enter the text to add to the case note"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False  # the page's form posts to the note's append URL
        self.helper.layout = Layout(
            Field.textarea("text", rows=4, label_size=Size.MEDIUM),
            Submit("submit", "Add to the note"),
        )


class FinaliseForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
