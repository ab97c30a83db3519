"""The one-page form for recording a visit."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Fluid, Layout, Size, Submit
from django import forms

from cairn.casework.models import VisitKind
from cairn.core.forms import date_field

YES_NO = [("yes", "Yes"), ("no", "No")]


def yes_no(label: str, message: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": message},
    )


def text_area(label: str, help_text: str = "") -> forms.CharField:
    return forms.CharField(label=label, help_text=help_text, required=False, widget=forms.Textarea)


class VisitForm(forms.Form):
    kind = forms.ChoiceField(
        label="Type of visit",
        choices=VisitKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the type of visit"},
    )
    visited_on = date_field(
        label="Date of the visit",
        help_text="For example, 27 3 2026",
        required_message="Enter the date of the visit",
    )
    location = forms.CharField(
        label="Where the visit took place",
        max_length=200,
        help_text="For example, the family home or school",
        error_messages={"required": "Enter where the visit took place"},
    )
    present = forms.CharField(label="Who else was present", max_length=300, required=False)
    child_seen = yes_no("Was the child seen?", "Select yes if the child was seen")
    seen_alone = yes_no("Was the child seen alone?", "Select yes if the child was seen alone")
    bedroom_seen = yes_no(
        "Was the child's bedroom seen?", "Select yes if the child's bedroom was seen"
    )
    wishes_and_feelings = text_area(
        "The child's wishes and feelings", "In the child's own words, as far as you can"
    )
    direct_work = text_area("Direct work done", "The tool or method used, and what came of it")
    observations = text_area("Observations")
    analysis = text_area("Analysis", "What this visit tells you about the child's needs and risks")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset(
                Field.radios("kind", legend_size=Size.SMALL),
                Field("visited_on"),
                Field.text("location", field_width=Fluid.TWO_THIRDS),
                Field.text("present", field_width=Fluid.TWO_THIRDS),
                legend="About the visit",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.radios("child_seen", legend_size=Size.SMALL, inline=True),
                Field.radios("seen_alone", legend_size=Size.SMALL, inline=True),
                Field.radios("bedroom_seen", legend_size=Size.SMALL, inline=True),
                legend="Seeing the child",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.textarea("wishes_and_feelings", rows=4),
                Field.textarea("direct_work", rows=3),
                legend="The child's voice and direct work",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.textarea("observations", rows=4),
                Field.textarea("analysis", rows=4),
                legend="Observations and analysis",
                legend_size=Size.MEDIUM,
            ),
            Submit("submit", "Record the visit"),
        )
