"""Forms for child protection records: strategy discussion, S47 enquiry, conference (ICPC and
review), the conference's decision, finalising, addendum, core group and core group member.

Each page is one form; repeated parts (when, professionals, actions, ratings) are added by the
builders below so every form words them the same way.
"""

import datetime as dt
import re

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Field, Fieldset, Fluid, Layout, Size, Submit
from django import forms
from django.utils import timezone

from cairn.casework.models import (
    AgencyKind,
    AttendeeRole,
    MeasureSource,
    ParticipationMode,
)
from cairn.casework.services.meetings import Attendee, ChildParticipation, Rating
from cairn.core.codelists import CATEGORY_OF_ABUSE, CLOSURE_REASON
from cairn.core.forms import date_field
from cairn.protection.models import (
    ICPC_OUTCOMES,
    REVIEW_OUTCOMES,
    ConferenceOutcome,
    S47Outcome,
    StrategyDecision,
)
from cairn.protection.services._common import ActionSpec

TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")
PROFESSIONAL_ROWS = 5
ACTION_ROWS = 3
TOOK_PART = [("attended", "Attended"), ("direct_contact", "Has direct contact with the child")]


def _helper(*fields, submit: str) -> FormHelper:
    helper = FormHelper()
    helper.layout = Layout(*fields, Submit("submit", submit))
    return helper


def _text(label: str, *, required_message: str = "", help_text: str = "", rows: int = 4):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=bool(required_message),
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": required_message} if required_message else {},
    )


# --- builders ---------------------------------------------------------------------------------


def add_when(form: forms.Form, what: str) -> list:
    form.fields["held_on"] = date_field(
        label=f"Date of the {what}",
        help_text="For example, 9 3 2026",
        required_message=f"Enter the date of the {what}",
    )
    form.fields["held_time"] = forms.CharField(
        label="Time it started",
        help_text="Use the 24-hour clock, for example 14:30",
        max_length=5,
        error_messages={"required": f"Enter the time the {what} started"},
    )
    return [Field("held_on"), Field.text("held_time", field_width=5)]


def clean_when(form: forms.Form, data: dict) -> None:
    value = (data.get("held_time") or "").strip()
    if not value:
        return
    match = TIME.match(value)
    if not match:
        form.add_error("held_time", "Enter the time as hours and minutes, for example 14:30")
        return
    data["held_time"] = dt.time(int(match.group(1)), int(match.group(2)))


def held_at(data: dict) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(data["held_on"], data["held_time"]))


def add_professionals(form: forms.Form, rows: int = PROFESSIONAL_ROWS) -> list:
    layout = [HTML('<h2 class="govuk-heading-m">Professionals</h2>')]
    for n in range(1, rows + 1):
        form.fields[f"pro_{n}_name"] = forms.CharField(label="Name", max_length=120, required=False)
        form.fields[f"pro_{n}_kind"] = forms.ChoiceField(
            label="Agency", choices=[("", "Choose an agency"), *AgencyKind.choices], required=False
        )
        form.fields[f"pro_{n}_agency"] = forms.CharField(
            label="Service or organisation",
            help_text="For example, Riverside Primary School",
            max_length=120,
            required=False,
        )
        form.fields[f"pro_{n}_took_part"] = forms.MultipleChoiceField(
            label="Attendance",
            choices=TOOK_PART,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        layout.append(
            Fieldset(
                Field.text(f"pro_{n}_name", field_width=Fluid.TWO_THIRDS),
                Field.select(f"pro_{n}_kind"),
                Field.text(f"pro_{n}_agency", field_width=Fluid.TWO_THIRDS),
                Field.checkboxes(f"pro_{n}_took_part", small=True),
                legend=f"Professional {n}",
                legend_size=Size.SMALL,
            )
        )
    return layout


def clean_professionals(form: forms.Form, data: dict, rows: int = PROFESSIONAL_ROWS) -> None:
    for n in range(1, rows + 1):
        name, kind = data.get(f"pro_{n}_name", ""), data.get(f"pro_{n}_kind", "")
        if (kind or data.get(f"pro_{n}_agency")) and not name:
            form.add_error(f"pro_{n}_name", f"Enter the name of professional {n}")
        if name and not kind:
            form.add_error(f"pro_{n}_kind", f"Choose the agency of professional {n}")


def professionals(data: dict, rows: int = PROFESSIONAL_ROWS) -> list[Attendee]:
    result = []
    for n in range(1, rows + 1):
        if not data.get(f"pro_{n}_name"):
            continue
        ticks = data.get(f"pro_{n}_took_part") or []
        kind = data[f"pro_{n}_kind"]
        result.append(
            Attendee(
                role=AttendeeRole.PROFESSIONAL,
                name=data[f"pro_{n}_name"],
                agency=data.get(f"pro_{n}_agency") or AgencyKind(kind).label,
                agency_kind=kind,
                attended="attended" in ticks,
                direct_contact="direct_contact" in ticks,
            )
        )
    return result


def add_actions(form: forms.Form, rows: int = ACTION_ROWS) -> list:
    layout = [HTML('<h2 class="govuk-heading-m">Actions</h2>')]
    for n in range(1, rows + 1):
        form.fields[f"action_{n}_what"] = forms.CharField(
            label="What will be done", max_length=500, required=False
        )
        form.fields[f"action_{n}_owner"] = forms.CharField(
            label="Who will do it (a person or an agency)", max_length=120, required=False
        )
        form.fields[f"action_{n}_due"] = date_field(label="By when", required=False)
        layout.append(
            Fieldset(
                Field.text(f"action_{n}_what", field_width=Fluid.FULL),
                Field.text(f"action_{n}_owner", field_width=Fluid.TWO_THIRDS),
                Field(f"action_{n}_due"),
                legend=f"Action {n}",
                legend_size=Size.SMALL,
            )
        )
    return layout


def actions(data: dict, rows: int = ACTION_ROWS) -> list[ActionSpec]:
    return [
        ActionSpec(
            what=data[f"action_{n}_what"],
            owner_name=data.get(f"action_{n}_owner", ""),
            due_on=data.get(f"action_{n}_due"),
        )
        for n in range(1, rows + 1)
        if data.get(f"action_{n}_what")
    ]


def add_ratings(form: forms.Form, outcomes: list) -> list:
    """Progress on each outcome of the plan in force: a 0-10 score or indicator met."""
    layout = [HTML('<h2 class="govuk-heading-m">Progress on each outcome</h2>')] if outcomes else []
    for n, outcome in enumerate(outcomes, start=1):
        name = f"outcome_{outcome.pk}"
        if outcome.measure_source == MeasureSource.INDICATOR:
            form.fields[name] = forms.ChoiceField(
                label=f"Outcome {n}: {outcome.text}",
                help_text=f"Is the indicator met? {outcome.indicator}",
                choices=[("yes", "Yes, met"), ("no", "No, not met")],
                widget=forms.RadioSelect,
                error_messages={"required": f"Say whether the indicator for outcome {n} is met"},
            )
            layout.append(Field.radios(name, legend_size=Size.SMALL, inline=True))
        else:
            form.fields[name] = forms.IntegerField(
                label=f"Outcome {n}: {outcome.text}",
                help_text="Score from 0 to 10",
                min_value=0,
                max_value=10,
                widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
                error_messages={
                    "required": f"Give a score from 0 to 10 for outcome {n}",
                    "invalid": f"The score for outcome {n} must be a whole number from 0 to 10",
                    "min_value": f"The score for outcome {n} must be from 0 to 10",
                    "max_value": f"The score for outcome {n} must be from 0 to 10",
                },
            )
            layout.append(Field.text(name, label_size=Size.SMALL, field_width=2))
    return layout


def ratings(data: dict, outcomes: list) -> dict[int, Rating]:
    result = {}
    for outcome in outcomes:
        value = data.get(f"outcome_{outcome.pk}")
        if outcome.measure_source == MeasureSource.INDICATOR:
            result[outcome.pk] = Rating(indicator_met=value == "yes")
        else:
            result[outcome.pk] = Rating(score=value)
    return result


# --- pages ------------------------------------------------------------------------------------


class StrategyDiscussionForm(forms.Form):
    children = forms.MultipleChoiceField(
        label="Which children is it about?",
        help_text="Brothers and sisters are discussed together",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose the children the strategy discussion is about"},
    )
    information_shared = _text(
        "Information shared", required_message="Enter the information shared", rows=5
    )
    decision = forms.ChoiceField(
        label="Decision",
        choices=StrategyDecision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the decision of the strategy discussion"},
    )
    decision_note = _text("Reasons for the decision", help_text="Required for 'Other'", rows=3)

    def __init__(self, *args, children=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.children = {str(c.pk): c for c in children}
        self.fields["children"].choices = [(k, c.full_name) for k, c in self.children.items()]
        self.helper = _helper(
            *add_when(self, "strategy discussion"),
            Field.checkboxes("children", legend_size=Size.MEDIUM),
            *add_professionals(self),
            Field.textarea("information_shared", label_size=Size.MEDIUM),
            Field.radios("decision", legend_size=Size.MEDIUM),
            Field.textarea("decision_note", label_size=Size.SMALL),
            *add_actions(self),
            submit="Record strategy discussion",
        )

    def clean(self):
        data = super().clean()
        clean_when(self, data)
        clean_professionals(self, data)
        return data

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "children": [self.children[pk] for pk in data["children"]],
            "held_at": held_at(data),
            "attendance": professionals(data),
            "information_shared": data["information_shared"],
            "decision": data["decision"],
            "decision_note": data["decision_note"],
            "actions": actions(data),
        }


YES_NO_UNDECIDED = [("yes", "Yes"), ("no", "No, an ICPC is not required"), ("", "Not decided yet")]


class S47Form(forms.Form):
    child_seen_on = date_field(label="Date the child was seen", required=False)
    findings = _text("Findings", rows=5)
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=[*S47Outcome.choices, ("", "Not decided yet")],
        widget=forms.RadioSelect,
        required=False,
    )
    icpc_needed = forms.ChoiceField(
        label="Is an initial child protection conference needed?",
        choices=YES_NO_UNDECIDED,
        widget=forms.RadioSelect,
        required=False,
    )
    icpc_not_needed_reason = _text(
        "Why an initial child protection conference is not required",
        help_text="Required when an ICPC is not required",
        rows=3,
    )
    ended_on = date_field(label="Date the enquiry ended", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field("child_seen_on"),
            Field.textarea("findings", label_size=Size.MEDIUM),
            Field.radios("outcome", legend_size=Size.MEDIUM),
            Field.radios("icpc_needed", legend_size=Size.MEDIUM),
            Field.textarea("icpc_not_needed_reason", label_size=Size.SMALL),
            Field("ended_on"),
            Field("version"),
            submit="Save the S47 enquiry",
        )

    def service_fields(self) -> dict:
        data = self.cleaned_data
        needed = {"yes": True, "no": False}.get(data["icpc_needed"])
        return {
            "child_seen_on": data["child_seen_on"],
            "findings": data["findings"],
            "outcome": data["outcome"],
            "icpc_needed": needed,
            "icpc_not_needed_reason": data["icpc_not_needed_reason"],
            "ended_on": data["ended_on"],
        }


def _outcome_choices(kind_is_icpc: bool):
    allowed = ICPC_OUTCOMES if kind_is_icpc else REVIEW_OUTCOMES
    return [(value, label) for value, label in ConferenceOutcome.choices if value in allowed]


def _add_decision(form: forms.Form, *, is_icpc: bool) -> list:
    form.fields["outcome"] = forms.ChoiceField(
        label="Decision",
        choices=[*_outcome_choices(is_icpc), ("", "Not decided yet")],
        widget=forms.RadioSelect,
        required=False,
    )
    form.fields["category"] = forms.ChoiceField(
        label="Category of abuse",
        help_text="Required for a child protection plan; at a review, choose it only if it changes",
        choices=[*CATEGORY_OF_ABUSE, ("", "None or no change")],
        widget=forms.RadioSelect,
        required=False,
    )
    layout = [
        Field.radios("outcome", legend_size=Size.MEDIUM),
        Field.radios("category", legend_size=Size.MEDIUM),
    ]
    if not is_icpc:
        form.fields["refer_legal_planning"] = forms.BooleanField(
            label="Refer for a legal planning meeting", required=False
        )
        layout.append(Field.checkbox("refer_legal_planning"))
    return layout


class ConferenceForm(forms.Form):
    """An ICPC or a review conference: when, who attended, how the child and parents took part,
    progress (review) and the decision."""

    participation = forms.ChoiceField(
        choices=ParticipationMode.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the child took part, or why not"},
    )
    participation_note = _text(
        "How the child's views were gathered, or why they were not",
        help_text="Required if the child was not given the opportunity",
        rows=3,
    )

    def __init__(self, *args, child, is_icpc: bool, parents=(), outcomes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.child, self.is_icpc = child, is_icpc
        self.parents, self.outcomes = list(parents), list(outcomes)
        what = "conference"
        self.fields["participation"].label = f"How did {child.full_name} take part?"
        parent_layout = []
        for person in self.parents:
            self.fields[f"parent_{person.pk}_attended"] = forms.BooleanField(
                label=f"{person.full_name} attended", required=False
            )
            self.fields[f"parent_{person.pk}_note"] = forms.CharField(
                label=f"How {person.full_name} took part, or why not",
                max_length=500,
                required=False,
            )
            parent_layout += [
                Field.checkbox(f"parent_{person.pk}_attended"),
                Field.text(f"parent_{person.pk}_note", field_width=Fluid.FULL),
            ]
        extra = []
        if is_icpc:
            self.fields["pre_birth"] = forms.BooleanField(
                label="This is a pre-birth conference (the child is not yet born)", required=False
            )
            extra.append(Field.checkbox("pre_birth"))
        self.helper = _helper(
            *add_when(self, what),
            *extra,
            *add_professionals(self),
            *(
                [Fieldset(*parent_layout, legend="Parents and carers", legend_size=Size.MEDIUM)]
                if parent_layout
                else []
            ),
            Field.radios("participation", legend_size=Size.MEDIUM),
            Field.textarea("participation_note", label_size=Size.SMALL),
            *add_ratings(self, self.outcomes),
            *_add_decision(self, is_icpc=is_icpc),
            submit="Record the conference",
        )

    def clean(self):
        data = super().clean()
        clean_when(self, data)
        clean_professionals(self, data)
        return data

    def service_fields(self) -> dict:
        data = self.cleaned_data
        parents = [
            Attendee(
                role=AttendeeRole.PARENT_CARER,
                person=person,
                attended=bool(data.get(f"parent_{person.pk}_attended")),
                participation_note=data.get(f"parent_{person.pk}_note", ""),
            )
            for person in self.parents
        ]
        fields = {
            "held_at": held_at(data),
            "attendance": professionals(data) + parents,
            "participation": [
                ChildParticipation(
                    child=self.child,
                    mode=data["participation"],
                    note=data["participation_note"],
                )
            ],
            "outcome": data["outcome"],
            "category": data["category"],
        }
        if self.is_icpc:
            fields["pre_birth"] = data.get("pre_birth", False)
        else:
            fields["refer_legal_planning"] = data.get("refer_legal_planning", False)
            fields["ratings"] = ratings(data, self.outcomes)
        return fields


class ConferenceDecisionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, is_icpc: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            *_add_decision(self, is_icpc=is_icpc), Field("version"), submit="Save the decision"
        )


class FinaliseForm(forms.Form):
    """Finalising: a button, and what ending the plan needs for the decision made."""

    def __init__(self, *args, outcome: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        layout = []
        if outcome in (ConferenceOutcome.END_TO_EARLY_HELP, ConferenceOutcome.END_CLOSE):
            self.fields["reason"] = _text("Why the plan ends", rows=3)
            layout.append(Field.textarea("reason", label_size=Size.SMALL))
        if outcome == ConferenceOutcome.END_TO_EARLY_HELP:
            self.fields["lead_organisation"] = forms.CharField(
                label="Lead organisation for early help", max_length=200, required=False
            )
            self.fields["lead_practitioner"] = forms.CharField(
                label="Lead practitioner for early help", max_length=200, required=False
            )
            layout += [Field.text("lead_organisation"), Field.text("lead_practitioner")]
        if outcome == ConferenceOutcome.END_CLOSE:
            self.fields["closure_reason"] = forms.ChoiceField(
                label="Reason for closure",
                choices=[("", "Choose a reason"), *CLOSURE_REASON],
                required=False,
            )
            layout.append(Field.select("closure_reason"))
        self.helper = _helper(*layout, submit="Finalise the record")


class AddendumForm(forms.Form):
    text = _text(
        "Addendum",
        required_message="Enter the addendum",
        help_text="What is corrected or added. The record itself does not change.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.textarea("text"), submit="Add the addendum")


class CoreGroupForm(forms.Form):
    progress = _text("Progress and what the core group agreed", rows=5)

    def __init__(self, *args, outcomes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.outcomes = list(outcomes)
        self.helper = _helper(
            *add_when(self, "core group meeting"),
            *add_professionals(self),
            *add_ratings(self, self.outcomes),
            Field.textarea("progress", label_size=Size.MEDIUM),
            *add_actions(self),
            submit="Record the core group",
        )

    def clean(self):
        data = super().clean()
        clean_when(self, data)
        clean_professionals(self, data)
        return data

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "held_at": held_at(data),
            "attendance": professionals(data),
            "ratings": ratings(data, self.outcomes),
            "progress": data["progress"],
            "actions": actions(data),
        }


class CoreGroupMemberForm(forms.Form):
    name = forms.CharField(
        label="Name", max_length=120, error_messages={"required": "Enter the member's name"}
    )
    agency = forms.CharField(
        label="Agency",
        help_text="Or 'Family' for a family member",
        max_length=120,
        error_messages={"required": "Enter the member's agency"},
    )
    role = forms.CharField(label="Role", max_length=120, required=False)
    joined_on = date_field(
        label="Date they joined", required_message="Enter the date they joined the core group"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.text("name", field_width=Fluid.TWO_THIRDS),
            Field.text("agency", field_width=Fluid.TWO_THIRDS),
            Field.text("role", field_width=Fluid.TWO_THIRDS),
            Field("joined_on"),
            submit="Add the member",
        )
