"""Forms for edge-of-care records. Each page is one form; the services check sequences and
dates, and their refusals are shown on the form (casework.forms.plans.add_service_errors)."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Layout, Submit
from django import forms

from cairn.core.forms import date_field
from cairn.edgeofcare.models import InterventionOutcome, ReferralDecision, RiskOfCare, SessionKind


def _helper(form, submit: str) -> None:
    form.helper = FormHelper()
    form.helper.layout = Layout(*form.fields, Submit("submit", submit))


def _text(label: str, message: str = "", rows: int = 4) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=bool(message),
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": message} if message else {},
    )


def _radios(label: str, choices, message: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": message},
    )


def _version(form) -> None:
    """The version the user read: saving over someone else's change is refused."""
    form.fields["version"] = forms.IntegerField(widget=forms.HiddenInput)


class ReferralForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referred_on"] = date_field(
            label="Date of the referral", required_message="Enter the date of the referral"
        )
        self.fields["reason"] = _text(
            "Reason for the referral", "Enter the reason for the referral"
        )
        self.fields["risk_of_care"] = _radios(
            "Risk of the child entering care",
            RiskOfCare.choices,
            "Choose the risk of the child entering care",
        )
        _helper(self, "Refer to the edge-of-care service")


class DecisionForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"] = _radios(
            "Decision", ReferralDecision.choices, "Choose whether the referral is accepted"
        )
        self.fields["decided_on"] = date_field(
            label="Date of the decision", required_message="Enter the date of the decision"
        )
        self.fields["reason"] = _text(
            "Reason for the decision", "Enter the reason for the decision"
        )
        _version(self)
        _helper(self, "Record the decision")


class InterventionForm(forms.Form):
    def __init__(self, *args, workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.workers = list(workers)
        self.fields["started_on"] = date_field(
            label="Start date of the intervention",
            required_message="Enter the start date of the intervention",
        )
        self.fields["worker"] = forms.ChoiceField(
            label="Edge-of-care worker",
            choices=[("", "Choose a worker")]
            + [(str(w.pk), w.get_full_name() or w.username) for w in self.workers],
            error_messages={"required": "Choose a worker from the edge-of-care team"},
        )
        self.fields["goals"] = _text(
            "Goals of the intervention", "Enter the goals of the intervention", rows=5
        )
        _helper(self, "Start the intervention")

    def clean_worker(self):
        """The chosen worker (a user), as the service takes it."""
        return next((w for w in self.workers if str(w.pk) == self.cleaned_data["worker"]), None)


class SessionForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_on"] = date_field(
            label="Date of the session", required_message="Enter the date of the session"
        )
        self.fields["kind"] = _radios(
            "Kind of session", SessionKind.choices, "Choose the kind of session"
        )
        self.fields["note"] = _text(
            "What happened in the session", "Enter what happened in the session"
        )
        _helper(self, "Add the session")


class OutcomeForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ended_on"] = date_field(
            label="End date of the intervention",
            required_message="Enter the end date of the intervention",
        )
        self.fields["outcome"] = _radios(
            "Outcome at the end",
            InterventionOutcome.choices,
            "Choose the outcome at the end of the intervention",
        )
        self.fields["outcome_other"] = _text("If other, what the outcome is", rows=2)
        _version(self)
        _helper(self, "Record the outcome")


class CohortForm(forms.Form):
    """The service report's grouping (GET): by financial year or quarter of referral."""

    by = forms.ChoiceField(
        label="Cohort",
        choices=[("year", "Financial year of referral"), ("quarter", "Quarter of referral")],
        widget=forms.RadioSelect,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.layout = Layout("by", Submit("submit", "Show the report"))

    def cohort(self) -> str:
        return (self.is_valid() and self.cleaned_data["by"]) or "year"
