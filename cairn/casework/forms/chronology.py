"""The chronology's filter (a GET form) and the form for adding analysis to an entry."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms

from cairn.casework.selectors.chronology import ChronologyKind
from cairn.core.forms import date_field


class ChronologyFilterForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label="Type of entry",
        choices=ChronologyKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    start = date_field(label="From", required=False, help_text="For example, 1 4 2025")
    end = date_field(label="To", required=False, help_text="For example, 31 3 2026")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.layout = Layout(
            Field.checkboxes("kinds", legend_size=Size.SMALL, small=True),
            Field("start"),
            Field("end"),
            Submit("filter", "Show entries"),
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "The end of the period must be the same as or after the start")
        return data


class ChronologyAnalysisForm(forms.Form):
    entry_kind = forms.CharField(widget=forms.HiddenInput)
    entry_id = forms.IntegerField(widget=forms.HiddenInput)
    analysis = forms.CharField(
        label="Your analysis of this entry",
        widget=forms.Textarea,
        error_messages={"required": "Enter your analysis of this entry"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field("entry_kind"),
            Field("entry_id"),
            Field.textarea("analysis", rows=5),
            Submit("submit", "Add analysis"),
        )
