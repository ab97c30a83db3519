"""Management oversight on a child's record, with up to three actions."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Fluid, Layout, Size, Submit
from django import forms

from cairn.core.forms import date_field
from cairn.workforce.models import OversightKind, PlanDifference
from cairn.workforce.services.oversight import ActionInput

ACTION_ROWS = 3
DRIFT_HELP = "The drift check: if not, say what will change and by when"


def plan_difference_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label="Is the plan making a difference for the child?",
        choices=PlanDifference.choices,
        widget=forms.RadioSelect,
        required=False,
    )


def action_fields(form: forms.Form, *, prefix: str, owners, rows: int) -> list:
    """Add `rows` optional action rows (what, owner, due date) named `<prefix>action_<n>_*`;
    returns the layout for them, one fieldset per action."""
    layout = []
    for n in range(1, rows + 1):
        name = f"{prefix}action_{n}"
        form.fields[f"{name}_what"] = forms.CharField(
            label="What needs to happen", required=False, widget=forms.Textarea
        )
        form.fields[f"{name}_owner"] = forms.ModelChoiceField(
            label="Who owns it", queryset=owners, required=False, empty_label="Choose a person"
        )
        form.fields[f"{name}_due_on"] = date_field(
            label="Due by", required=False, help_text="For example, 27 3 2026"
        )
        layout.append(
            Fieldset(
                Field.textarea(f"{name}_what", rows=2),
                Field.select(f"{name}_owner"),
                Field(f"{name}_due_on"),
                legend=f"Action {n} (optional)",
                legend_size=Size.SMALL,
            )
        )
    return layout


def actions_from(cleaned: dict, *, prefix: str, rows: int) -> list[ActionInput]:
    """The action rows with anything filled in (a blank row is no action)."""
    actions = []
    for n in range(1, rows + 1):
        name = f"{prefix}action_{n}"
        what = cleaned.get(f"{name}_what") or ""
        owner = cleaned.get(f"{name}_owner")
        due_on = cleaned.get(f"{name}_due_on")
        if what.strip() or owner or due_on:
            actions.append(ActionInput(what=what, owner=owner, due_on=due_on))
    return actions


class OversightEntryForm(forms.Form):
    recorded_on = date_field(
        label="Date of the oversight",
        help_text="For example, 27 3 2026",
        required_message="Enter the date of the oversight",
    )
    kind = forms.ChoiceField(
        label="Type of oversight",
        choices=[c for c in OversightKind.choices if c[0] != OversightKind.SUPERVISION],
        widget=forms.RadioSelect,
        error_messages={"required": "Select the type of oversight"},
    )
    reflection = forms.CharField(
        label="Your reflection on the case",
        widget=forms.Textarea,
        error_messages={"required": "Enter your reflection on the case"},
    )
    decision = forms.CharField(label="Decision", widget=forms.Textarea, required=False)
    plan_making_difference = plan_difference_field()
    what_will_change = forms.CharField(
        label="What will change", help_text=DRIFT_HELP, widget=forms.Textarea, required=False
    )

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        actions = action_fields(self, prefix="", owners=owners, rows=ACTION_ROWS)
        self.helper.layout = Layout(
            Field("recorded_on"),
            Field.radios("kind", legend_size=Size.SMALL),
            Field.textarea("reflection", rows=5),
            Field.textarea("decision", rows=3),
            Fieldset(
                Field.radios("plan_making_difference", legend_size=Size.SMALL, inline=True),
                Field.textarea("what_will_change", rows=3, field_width=Fluid.FULL),
                legend="Drift check",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(*actions, legend="Actions", legend_size=Size.MEDIUM),
            Submit("submit", "Save oversight"),
        )

    def service_data(self) -> dict:
        data = {
            k: self.cleaned_data[k]
            for k in (
                "recorded_on",
                "kind",
                "reflection",
                "decision",
                "plan_making_difference",
                "what_will_change",
            )
        }
        data["actions"] = actions_from(self.cleaned_data, prefix="", rows=ACTION_ROWS)
        return data


class ActionDoneForm(forms.Form):
    done_on = date_field(
        label="Date done",
        help_text="For example, 27 3 2026",
        required_message="Enter the date the action was done",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field("done_on"), Field("version"), Submit("submit", "Mark as done")
        )
