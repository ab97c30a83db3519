"""Front-door forms (GOV.UK Design System through crispy-forms-gds)."""

import datetime as dt

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Fluid, Layout, Size, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from cairn.core.codelists import choices
from cairn.core.forms import date_field
from cairn.frontdoor.models import Consent, NextStep
from cairn.frontdoor.selectors import threshold_level_list
from cairn.workforce.selectors import team_list_for_allocation, worker_list_for_allocation


def apply_service_errors(form: forms.Form, error: ValidationError, aliases=None) -> None:
    """Show a service's refusal on the form: on its field when the form has it, else on top."""
    aliases = aliases or {}
    for field, problems in error.message_dict.items():
        name = aliases.get(field, field)
        form.add_error(name if name in form.fields else None, problems)


def _helper(*fields, submit: str) -> FormHelper:
    helper = FormHelper()
    helper.layout = Layout(*fields, Submit("submit", submit))
    return helper


def _parse_time(text: str) -> dt.time | None:
    for pattern in ("%H:%M", "%H.%M", "%H%M"):
        try:
            return dt.datetime.strptime(text.strip(), pattern).time()
        except ValueError:
            continue
    return None


class ContactForm(forms.Form):
    children = forms.MultipleChoiceField(
        label="Which children is the contact about?",
        help_text="Select all that apply. Search again to add a brother or sister.",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one child the contact is about"},
    )
    received_on = date_field(
        label="Date the contact was received",
        help_text="For example, 24 12 2026",
        required_message="Enter the date the contact was received",
    )
    received_time = forms.CharField(
        label="Time the contact was received",
        help_text="Use the 24-hour clock, for example 14:30",
        max_length=5,
        error_messages={"required": "Enter the time the contact was received"},
    )
    source = forms.ChoiceField(
        label="Source",
        choices=[("", "Select a source"), *choices("referral_source")],
        error_messages={"required": "Select the source of the contact"},
    )
    referrer_name = forms.CharField(label="Referrer's name", max_length=120, required=False)
    referrer_role = forms.CharField(label="Referrer's role", max_length=120, required=False)
    referrer_organisation = forms.CharField(label="Organisation", max_length=120, required=False)
    concerns = forms.CharField(
        label="Concerns",
        widget=forms.Textarea,
        error_messages={"required": "Enter the concerns raised in the contact"},
    )
    consent = forms.ChoiceField(
        label="Did the family consent to the contact?",
        choices=Consent.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the family consented to the contact"},
    )

    def __init__(self, *args, choices=(), **kwargs):
        """`choices`: the candidate children as (pk, label), from
        `presenters.contact_candidate_choices` (restricted records masked)."""
        super().__init__(*args, **kwargs)
        self.fields["children"].choices = list(choices)
        self.helper = _helper(
            Field.checkboxes("children", legend_size=Size.MEDIUM, small=True),
            Field("received_on"),
            Field.text("received_time", field_width=Fluid.ONE_QUARTER),
            Field.select("source"),
            Fieldset(
                Field.text("referrer_name", field_width=Fluid.TWO_THIRDS),
                Field.text("referrer_role", field_width=Fluid.TWO_THIRDS),
                Field.text("referrer_organisation", field_width=Fluid.TWO_THIRDS),
                legend="Referrer",
                legend_size=Size.MEDIUM,
            ),
            Field.textarea("concerns", rows=6),
            Field.radios("consent", legend_size=Size.SMALL),
            submit="Record contact",
        )

    def clean(self):
        data = super().clean()
        text = data.get("received_time")
        if text:
            parsed = _parse_time(text)
            if parsed is None:
                self.add_error("received_time", "Enter a time like 09:15 or 14:30")
            elif data.get("received_on"):
                data["received_at"] = timezone.make_aware(
                    dt.datetime.combine(data["received_on"], parsed)
                )
        return data


class ThresholdDecisionForm(forms.Form):
    threshold_level = forms.ModelChoiceField(
        label="Level of need",
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Select the level of need"},
    )
    rationale = forms.CharField(
        label="Rationale",
        help_text="Why this level and next step: the evidence and the family's views",
        widget=forms.Textarea,
        error_messages={"required": "Enter the rationale for the decision"},
    )
    next_step = forms.ChoiceField(
        label="Next step",
        choices=NextStep.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the next step"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["threshold_level"].queryset = threshold_level_list()
        self.helper = _helper(
            Field.radios("threshold_level", legend_size=Size.MEDIUM),
            Field.textarea("rationale", rows=6),
            Field.radios("next_step", legend_size=Size.MEDIUM),
            submit="Record decision",
        )


class WorkerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        team = f" ({obj.team.name})" if obj.team else ""
        return f"{obj.get_full_name()}{team}"


def _team_field(required: bool, help_text: str = "") -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label="Team",
        queryset=team_list_for_allocation(),
        required=required,
        empty_label="The child's current team" if not required else "Select a team",
        help_text=help_text,
        error_messages={"required": "Select the team"},
    )


def _worker_field() -> WorkerChoiceField:
    return WorkerChoiceField(
        label="Worker",
        queryset=worker_list_for_allocation(),
        required=False,
        empty_label="Not yet allocated to a worker",
        help_text="Leave as not yet allocated to place the child in the team's queue",
    )


def _primary_need_field(required: bool) -> forms.ChoiceField:
    return forms.ChoiceField(
        label="Primary need",
        choices=[("", "Not yet known"), *choices("primary_need")],
        required=required,
        help_text="The main reason the child needs services, once known",
        error_messages={"required": "Select a primary need code (N0 to N9)"},
    )


class ReferralForm(forms.Form):
    referral_date = date_field(label="Referral date", required_message="Enter the referral date")
    primary_need = _primary_need_field(required=False)
    team = _team_field(required=False)
    worker = _worker_field()

    def __init__(self, *args, with_source: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = team_list_for_allocation()
        self.fields["worker"].queryset = worker_list_for_allocation()
        fields = [Field("referral_date")]
        if with_source:
            self.fields["source"] = forms.ChoiceField(
                label="Source",
                choices=choices("referral_source"),
                initial="5D",
                error_messages={"required": "Select the source of the referral"},
            )
            fields.append(Field.select("source"))
        fields += [Field.select("primary_need"), Field.select("team"), Field.select("worker")]
        self.helper = _helper(*fields, submit="Create referral")


class PrimaryNeedForm(forms.Form):
    primary_need = _primary_need_field(required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.select("primary_need"), submit="Save primary need")


class AllocateForm(forms.Form):
    team = _team_field(required=True)
    worker = _worker_field()
    started_on = date_field(
        label="Allocated from", required_message="Enter the date the allocation starts"
    )
    reason = forms.CharField(
        label="Reason for the change",
        max_length=200,
        error_messages={"required": "Enter the reason for the change of allocation"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = team_list_for_allocation()
        self.fields["worker"].queryset = worker_list_for_allocation()
        self.helper = _helper(
            Field.select("team"),
            Field.select("worker"),
            Field("started_on"),
            Field.text("reason", field_width=Fluid.FULL),
            submit="Allocate",
        )


class CloseEpisodeForm(forms.Form):
    closed_on = date_field(label="Closure date", required_message="Enter the closure date")
    reason = forms.ChoiceField(
        label="Reason for closure",
        choices=choices("closure_reason"),
        widget=forms.RadioSelect,
        error_messages={"required": "Select the reason for closure (RC1 to RC9)"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field("closed_on"),
            Field.radios("reason", legend_size=Size.MEDIUM, small=True),
            submit="Close episode",
        )


class ReferralNfaForm(forms.Form):
    decided_on = date_field(
        label="Date of the decision", required_message="Enter the date of the decision"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field("decided_on"), submit="Record no further action")
