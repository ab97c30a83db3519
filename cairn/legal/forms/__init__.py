"""Forms for legal records. Each page is one form; the services check sequences and dates and
their refusals are shown on the form (casework.forms.plans.add_service_errors)."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Layout, Submit
from django import forms

from cairn.core.forms import date_field
from cairn.legal.models import (
    CarePlan,
    FinalOrder,
    HearingKind,
    LegalDecision,
    LegalRepresentation,
    StepDownTo,
)
from cairn.legal.services.pre_proceedings import STEP_CHOICES
from cairn.protection.forms.records import add_when, clean_when, held_at


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


def _name(label: str) -> forms.CharField:
    return forms.CharField(
        label=label, max_length=120, error_messages={"required": f"Enter the {label.lower()}"}
    )


def _choice(label: str, choices, message: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": message},
    )


class WhenMixin:
    def clean(self):
        data = super().clean()
        clean_when(self, data)
        return data

    def held_at(self):
        return held_at(self.cleaned_data)


class LegalPlanningForm(WhenMixin, forms.Form):
    def __init__(self, *args, children, **kwargs):
        super().__init__(*args, **kwargs)
        add_when(self, "legal planning meeting")
        self.children = children
        self.fields["children"] = forms.MultipleChoiceField(
            label="Children the meeting is about",
            choices=[(str(c.pk), c.full_name) for c in children],
            widget=forms.CheckboxSelectMultiple,
            error_messages={"required": "Choose the children the meeting is about"},
        )
        self.fields["legal_adviser"] = _name("Legal adviser")
        self.fields["manager"] = _name("Manager")
        self.fields["social_worker"] = _name("Social worker")
        self.fields["concerns"] = _text("Concerns", "Enter the concerns")
        self.fields["decision"] = _choice(
            "Decision", LegalDecision.choices, "Choose the decision of the legal planning meeting"
        )
        self.fields["decision_other"] = _text("If other, what was decided", rows=2)
        self.fields["rationale"] = _text("Reasons for the decision", "Enter the reasons")
        _helper(self, "Record the legal planning meeting")

    def service_fields(self) -> dict:
        d = self.cleaned_data
        chosen = set(d["children"])
        return {
            "children": [c for c in self.children if str(c.pk) in chosen],
            "held_at": self.held_at(),
            **{
                k: d[k]
                for k in (
                    "legal_adviser",
                    "manager",
                    "social_worker",
                    "concerns",
                    "decision",
                    "decision_other",
                    "rationale",
                )
            },
        }


class LetterForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["letter_sent_on"] = date_field(
            label="Date the letter before proceedings was sent",
            required_message="Enter the date the letter was sent",
        )
        self.fields["letter_changes"] = _text(
            "What the letter asks the parents to change", "Enter what must change"
        )
        _helper(self, "Record the letter")


class FgdmForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offered"] = _choice(
            "Was family group decision-making offered?",
            [("yes", "Yes"), ("no", "No")],
            "Say whether family group decision-making was offered",
        )
        self.fields["offered_on"] = date_field(label="Date offered", required=False)
        self.fields["held_on"] = date_field(
            label="Date the family group meeting was held", required=False
        )
        self.fields["not_reason"] = _text("If not offered or not held, why not", rows=2)
        _helper(self, "Record family group decision-making")


class PreProceedingsMeetingForm(WhenMixin, forms.Form):
    def __init__(self, *args, initial_meeting: bool, **kwargs):
        super().__init__(*args, **kwargs)
        add_when(self, "meeting")
        self.fields["parents"] = forms.CharField(
            label="Parents and others who attended",
            help_text="One per line",
            required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
        )
        if initial_meeting:
            self.fields["parents_legal_rep"] = _choice(
                "Did the parents have legal representation?",
                LegalRepresentation.choices,
                "Say whether the parents had legal representation",
            )
        else:
            self.fields["progress"] = _text(
                "Progress against what the letter asked to change", "Enter the progress made"
            )
        _helper(self, "Record the meeting")


class StepDecisionForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decided_on"] = date_field(
            label="Date of the step decision",
            required_message="Enter the date of the step decision",
        )
        self.fields["outcome"] = _choice("Step decision", STEP_CHOICES, "Choose the step decision")
        self.fields["step_down_to"] = forms.ChoiceField(
            label="If stepping down, to which plan",
            choices=[("", "Not stepping down"), *StepDownTo.choices],
            required=False,
        )
        self.fields["extension_weeks"] = forms.IntegerField(
            label="If extending, by how many weeks", required=False, min_value=1, max_value=26
        )
        self.fields["reason"] = _text("Reasons", "Enter the reasons for the step decision")
        _helper(self, "Record the step decision")


class IssueForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issued_on"] = date_field(
            label="Date of issue", required_message="Enter the date of issue"
        )
        self.fields["court"] = _name("Court")
        self.fields["case_number"] = _name("Case number")
        self.fields["parents_letter_sent_on"] = date_field(
            label="Date the letter telling the parents proceedings are starting was sent",
            required=False,
        )
        self.fields["parents_legal_rep"] = forms.ChoiceField(
            label="Parents' legal representation at issue",
            choices=[("", "Not recorded"), *LegalRepresentation.choices],
            required=False,
        )
        _helper(self, "Record the application")


class HearingForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"] = _choice(
            "Kind of hearing", HearingKind.choices, "Choose the kind of hearing"
        )
        self.fields["held_on"] = date_field(
            label="Date of the hearing", required_message="Enter the date of the hearing"
        )
        self.fields["outcome"] = _text("Outcome (when it has been held)", rows=2)
        _helper(self, "Record the hearing")


class ExtensionForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["granted_on"] = date_field(
            label="Date the extension was granted", required_message="Enter the date granted"
        )
        self.fields["weeks"] = forms.IntegerField(
            label="Weeks granted", error_messages={"required": "Enter the weeks granted"}
        )
        self.fields["reason"] = _text("The court's reason", "Enter the court's reason")
        _helper(self, "Record the extension")


class ConcludeForm(forms.Form):
    """The conclusion date, and for each child the final order and the final care plan
    (pre-filled with the one recorded, if any)."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        self.fields["concluded_on"] = date_field(
            label="Date the proceedings concluded", required=False
        )
        for row in rows:
            name = row.child.full_name
            self.fields[f"order_{row.child_id}"] = forms.ChoiceField(
                label=f"Final order for {name}",
                choices=[("", "Choose an order"), *FinalOrder.choices],
                required=False,
            )
            self.fields[f"plan_{row.child_id}"] = forms.ChoiceField(
                label=f"Final care plan for {name}",
                choices=[("", "Not recorded"), *CarePlan.choices],
                required=False,
                initial=row.final_care_plan,
            )
        _helper(self, "Record the conclusion")
