"""Forms for running the programme: cycles, samples, allocation, themes, the tool, analysis."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fluid, Layout, Size, Submit
from django import forms

from cairn.core.forms import date_field
from cairn.quality.forms.common import SAMPLE_LEVELS, form_helper, text_area
from cairn.quality.models import CycleKind, Domain, SampleMethod


class CycleForm(forms.Form):
    name = forms.CharField(
        label="Name of the cycle",
        help_text="For example, May 2026 monthly audit",
        max_length=160,
        error_messages={"required": "Enter a name for the cycle"},
    )
    kind = forms.ChoiceField(
        label="Kind of audit",
        choices=CycleKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of audit"},
    )
    theme = forms.ChoiceField(label="Theme (for a thematic audit)", required=False)
    starts_on = date_field(label="Starts on", required_message="Enter the start date")
    ends_on = date_field(label="Ends on", required_message="Enter the end date")

    def __init__(self, *args, themes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", "No theme")] + [(t.pk, t.name) for t in themes]
        self.helper = form_helper(
            Field.text("name", field_width=Fluid.TWO_THIRDS),
            Field.radios("kind", legend_size=Size.SMALL),
            Field.select("theme"),
            Field("starts_on"),
            Field("ends_on"),
            button="Plan the cycle",
        )


class SampleForm(forms.Form):
    method = forms.ChoiceField(
        label="How to select the children",
        choices=SampleMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how to select the sample"},
    )
    size = forms.IntegerField(
        label="How many children",
        min_value=1,
        max_value=200,
        error_messages={
            "required": "Enter how many children to audit",
            "min_value": "The sample size must be between 1 and 200",
            "max_value": "The sample size must be between 1 and 200",
        },
    )
    seed = forms.IntegerField(
        label="Seed",
        help_text="The same seed and rule always select the same children",
        min_value=0,
        error_messages={"required": "Enter a seed"},
    )
    exclude_months = forms.IntegerField(
        label="Leave out children audited in the last (months)",
        min_value=0,
        max_value=36,
        error_messages={"required": "Enter how many months to look back"},
    )
    teams = forms.TypedMultipleChoiceField(
        label="Teams (none chosen: every team)",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    levels = forms.MultipleChoiceField(
        label="Levels of need (none chosen: every level)",
        choices=SAMPLE_LEVELS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, teams=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["teams"].choices = list(teams)
        self.helper = form_helper(
            Field.radios("method", legend_size=Size.SMALL),
            Field.text("size", field_width=Fluid.ONE_QUARTER),
            Field.text("seed", field_width=Fluid.ONE_QUARTER),
            Field.text("exclude_months", field_width=Fluid.ONE_QUARTER),
            Field.checkboxes("teams", legend_size=Size.SMALL, small=True),
            Field.checkboxes("levels", legend_size=Size.SMALL, small=True),
            button="Select the sample",
        )


class AllocateForm(forms.Form):
    auditor = forms.TypedChoiceField(coerce=int, error_messages={"required": "Choose the auditor"})

    def __init__(self, *args, auditors=(), child_name: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["auditor"].choices = [("", "Choose")] + [
            (u.pk, u.get_full_name()) for u in auditors
        ]
        self.fields["auditor"].label = f"Auditor for {child_name}"
        self.helper = form_helper(Field.select("auditor"), button="Allocate")


class ThemeForm(forms.Form):
    name = forms.CharField(
        label="Theme", max_length=120, error_messages={"required": "Enter the theme"}
    )
    description = text_area("Description (optional)", rows=2)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.text("name", field_width=Fluid.TWO_THIRDS),
            Field.textarea("description", rows=2),
            button="Add the theme",
        )


class QuestionForm(forms.Form):
    domain = forms.ChoiceField(
        label="Domain", choices=Domain.choices, error_messages={"required": "Choose the domain"}
    )
    text = forms.CharField(
        label="Question", max_length=300, error_messages={"required": "Enter the question"}
    )
    guidance = text_area("What good looks like (optional)", rows=2)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.select("domain"),
            Field.text("text"),
            Field.textarea("guidance", rows=2),
            button="Add the question",
        )


class PublishForm(forms.Form):
    change_summary = text_area("What changed from the last version", rows=3)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(Field.textarea("change_summary", rows=3), button="Publish")


class ToolCreateForm(forms.Form):
    name = forms.CharField(
        label="Name of the audit tool",
        max_length=120,
        error_messages={"required": "Enter a name for the audit tool"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.text("name", field_width=Fluid.TWO_THIRDS),
            button="Set up the tool with the standard questions",
        )


class AnalysisFilterForm(forms.Form):
    start = date_field(label="From", required=False)
    end = date_field(label="To", required=False)
    team = forms.TypedChoiceField(label="Team", coerce=int, required=False, empty_value=None)

    def __init__(self, *args, teams=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [("", "Every team")] + list(teams)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.layout = Layout(
            Field("start"), Field("end"), Field.select("team"), Submit("submit", "Show")
        )
