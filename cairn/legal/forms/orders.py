"""Forms for what happens during care proceedings (interim orders, hearing outcomes, each
child's care plans) and for looked-after periods (SSDA903 legal status and reason ceased)."""

from django import forms

from cairn.core.codelists import choices
from cairn.core.forms import date_field
from cairn.legal.forms import _choice, _helper, _text
from cairn.legal.models import CarePlan, InterimOrderKind


def _version(form) -> None:
    """The version the manager read: saving over someone else's change is refused."""
    form.fields["version"] = forms.IntegerField(widget=forms.HiddenInput)


def _select(label: str, options, message: str = "", empty: str = "Choose") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=[("", empty), *options],
        required=bool(message),
        error_messages={"required": message} if message else {},
    )


class InterimOrderForm(forms.Form):
    def __init__(self, *args, children, **kwargs):
        super().__init__(*args, **kwargs)
        self.children = children
        self.fields["child"] = _choice(
            "Child the order is for",
            [(str(c.pk), c.full_name) for c in children],
            "Choose the child the order is for",
        )
        self.fields["kind"] = _choice(
            "Kind of interim order", InterimOrderKind.choices, "Choose the kind of interim order"
        )
        self.fields["made_on"] = date_field(
            label="Date the order was made", required_message="Enter the date the order was made"
        )
        self.fields["note"] = _text("Note (optional)", rows=2)
        _helper(self, "Record the interim order")

    def clean_child(self):
        """The chosen child (a person), as the service takes it."""
        return next(c for c in self.children if str(c.pk) == self.cleaned_data["child"])


class HearingOutcomeForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"] = _text(
            "What the hearing decided", "Enter the outcome of the hearing"
        )
        _version(self)
        _helper(self, "Record the outcome")


class CarePlanForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["initial_care_plan"] = _select(
            "Initial care plan", CarePlan.choices, "Choose the initial care plan", "Choose a plan"
        )
        self.fields["initial_plan_approved_on"] = date_field(
            label="Date the initial care plan was approved",
            required_message="Enter the date the initial care plan was approved",
        )
        self.fields["final_care_plan"] = _select(
            "Final care plan (when there is one)", CarePlan.choices, empty="No final plan yet"
        )
        self.fields["final_plan_approved_on"] = date_field(
            label="Date the final care plan was approved", required=False
        )
        _version(self)
        _helper(self, "Save the care plans")


class LookedAfterStartForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["started_on"] = date_field(
            label="Date the child became looked after",
            required_message="Enter the date the child became looked after",
        )
        self.fields["legal_status"] = _select(
            "Legal status (SSDA903)",
            choices("legal_status"),
            "Choose the legal status",
            "Choose a legal status",
        )
        _helper(self, "Record that the child is looked after")


class LookedAfterCeaseForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ceased_on"] = date_field(
            label="Date the child ceased to be looked after",
            required_message="Enter the date the child ceased to be looked after",
        )
        self.fields["reason_ceased"] = _select(
            "Reason the period ceased (SSDA903)",
            choices("reason_ceased"),
            "Choose the reason the child ceased to be looked after",
            "Choose a reason",
        )
        _version(self)
        _helper(self, "Record that the period ceased")
