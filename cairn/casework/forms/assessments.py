"""Forms for assessments: one section per page, identity, views, factors, the manager's
decision and significant events. The services hold the rules; forms parse the input."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Field, Fieldset, Fluid, Layout, Size, Submit
from django import forms

from cairn.casework.models import (
    AssessmentOutcome,
    IdentityAspect,
    SignificantEventType,
    ViewHolder,
)
from cairn.core.codelists import choices
from cairn.core.forms import date_field


def _helper(*fields, button: str) -> FormHelper:
    helper = FormHelper()
    helper.layout = Layout(*fields, Submit("submit", button))
    return helper


class StartForm(forms.Form):
    started_on = date_field(
        label="Date the assessment started",
        help_text="For example, 7 1 2026",
        required_message="Enter the date the assessment started",
    )

    def __init__(self, *args, button: str = "Start assessment", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field("started_on"), button=button)


# slug -> (field, heading, form field). One section per page.
def _text(label: str, help_text: str = "") -> forms.CharField:
    return forms.CharField(label=label, help_text=help_text, required=False, widget=forms.Textarea)


SECTIONS = {
    "family-history": (
        "family_history",
        "Family history and chronology summary",
        lambda: _text(
            "Family history and chronology summary",
            "What has happened in the family before, and what it means for the child now",
        ),
    ),
    "lived-experience": (
        "lived_experience",
        "The child's lived experience",
        lambda: _text(
            "The child's lived experience", "A day in the child's life, from their point of view"
        ),
    ),
    "strengths": ("strengths", "Strengths", lambda: _text("Strengths")),
    "risks": ("risks", "Risks", lambda: _text("Risks")),
    "analysis": (
        "analysis",
        "Analysis",
        lambda: _text("Analysis", "What the information means for the child, and why"),
    ),
    "child-seen": (
        "child_seen_on",
        "Date the child was seen",
        lambda: date_field(
            label="Date the child was seen",
            help_text="For example, 9 1 2026",
            required_message="Enter the date the child was seen",
        ),
    ),
    "outcome": (
        "outcome",
        "Outcome of the assessment",
        lambda: forms.ChoiceField(
            label="Outcome of the assessment",
            choices=AssessmentOutcome.choices,
            widget=forms.RadioSelect,
            error_messages={"required": "Select the outcome of the assessment"},
        ),
    ),
}


class SectionForm(forms.Form):
    """One section of the assessment, built from SECTIONS."""

    def __init__(self, *args, section: str, **kwargs):
        super().__init__(*args, **kwargs)
        name, _heading, make_field = SECTIONS[section]
        self.field_name = name
        self.fields[name] = make_field()
        # The version the worker started from: a save over someone else's is refused.
        self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput)
        if name == "outcome":
            layout = Field.radios(name, legend_size=Size.LARGE, legend_tag="h1")
        elif name == "child_seen_on":
            layout = Field(
                name, context={"legend_size": Size.for_legend(Size.LARGE), "legend_tag": "h1"}
            )
        else:
            layout = Field.textarea(name, label_size=Size.LARGE, label_tag="h1", rows=12)
        # The hidden version must be in the layout, or the browser never sends it back.
        self.helper = _helper(layout, Field("version"), button="Save and continue")


class IdentityForm(forms.Form):
    """Each aspect of the child's identity: what the assessment found, or why not relevant."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fieldsets = []
        for aspect, aspect_label in IdentityAspect.choices:
            self.fields[f"{aspect}_content"] = forms.CharField(
                label="What the assessment found",
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            self.fields[f"{aspect}_reason"] = forms.CharField(
                label="Or, not relevant because",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            fieldsets.append(
                Fieldset(
                    Field.textarea(f"{aspect}_content", rows=3),
                    Field.textarea(f"{aspect}_reason", rows=2),
                    legend=aspect_label,
                    legend_size=Size.MEDIUM,
                )
            )
        self.helper = _helper(*fieldsets, button="Save identity")

    def answers(self) -> dict[str, tuple[str, str]]:
        data = self.cleaned_data
        return {
            aspect: (data[f"{aspect}_content"], data[f"{aspect}_reason"])
            for aspect in IdentityAspect.values
        }


class ViewForm(forms.Form):
    holder = forms.ChoiceField(
        label="Whose view is this?",
        choices=ViewHolder.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whose view this is"},
    )
    person = forms.TypedChoiceField(
        label="Parent or carer",
        help_text="Only for a parent or carer: someone in the child's family network",
        required=False,
        coerce=int,
        empty_value=None,
    )
    professional_name = forms.CharField(
        label="Professional's name", help_text="Only for a professional", required=False
    )
    agency = forms.CharField(label="Agency", help_text="Only for a professional", required=False)
    how_obtained = forms.CharField(
        label="How the view was obtained",
        help_text="For example, seen alone at school using three houses; a phone call",
        required=False,
    )
    content = forms.CharField(
        label="Their view",
        help_text="In their own words where possible",
        required=False,
        widget=forms.Textarea,
    )

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", "Not applicable")] + [
            (p.pk, p.full_name) for p in network
        ]
        self.helper = _helper(
            Field.radios("holder", legend_size=Size.MEDIUM),
            Field.select("person"),
            Field.text("professional_name", field_width=Fluid.TWO_THIRDS),
            Field.text("agency", field_width=Fluid.TWO_THIRDS),
            Field.text("how_obtained"),
            Field.textarea("content", rows=5),
            button="Add view",
        )


class FactorsForm(forms.Form):
    codes = forms.MultipleChoiceField(
        label="Factors identified at assessment",
        help_text="Select all that apply, or 'No factors identified' on its own",
        choices=choices("assessment_factor"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.checkboxes("codes", legend_size=Size.LARGE, legend_tag="h1", small=True),
            button="Save factors",
        )


class TargetForm(forms.Form):
    target_date = date_field(
        label="Target date",
        help_text="Shorter than 45 working days from the referral",
        required_message="Enter the target date",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field("target_date"), button="Set target")


class Decision:
    AUTHORISE = "authorise"
    RETURN = "return"


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[
            (Decision.AUTHORISE, "Authorise the assessment"),
            (Decision.RETURN, "Return it for more work"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether to authorise the assessment or return it"},
    )
    authorised_on = date_field(
        label="Date of authorisation",
        help_text="If you authorise it. For example, 2 2 2026",
        required=False,
    )
    comments = forms.CharField(
        label="What more work is needed",
        help_text="If you return it",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.radios("decision", legend_size=Size.MEDIUM),
            Field("authorised_on"),
            Field.textarea("comments", rows=4),
            button="Confirm decision",
        )


class SignificantEventForm(forms.Form):
    occurred_on = date_field(
        label="Date of the event",
        help_text="For example, 12 3 2026",
        required_message="Enter the date of the event",
    )
    type = forms.ChoiceField(
        label="Type of event",
        choices=SignificantEventType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the type of event"},
    )
    description = forms.CharField(
        label="What happened",
        widget=forms.Textarea,
        error_messages={"required": "Describe what happened"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field("occurred_on"),
            Field.radios("type", legend_size=Size.MEDIUM),
            Field.textarea("description", rows=5),
            button="Record event",
        )


class ConfirmForm(forms.Form):
    """A button only (submit for authorisation)."""

    def __init__(self, *args, button: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(HTML(""), button=button)
