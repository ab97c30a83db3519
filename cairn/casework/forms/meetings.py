"""Forms for recording a CIN review, one part per page: details, attendance, the child's
participation, ratings, the decision. Answers are kept in the session until "check your
answers" submits them together."""

import datetime as dt
import re

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Field, Fieldset, Fluid, Layout, Size, Submit
from django import forms
from django.utils import timezone

from cairn.casework.models import (
    AttendeeRole,
    MakingDifference,
    MeasureSource,
    MeetingDecision,
    ParticipationMode,
)
from cairn.casework.services.meetings import Attendee, Rating
from cairn.core.forms import date_field

PROFESSIONAL_ROWS = 4
ATTENDANCE_CHOICES = [
    ("invited", "Invited"),
    ("attended", "Attended"),
    ("sent_report", "Sent a report"),
]
TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")


def _helper(*fields) -> FormHelper:
    helper = FormHelper()
    helper.layout = Layout(*fields, Submit("submit", "Continue"))
    return helper


class ReviewDetailsForm(forms.Form):
    held_on = date_field(
        label="Date of the review",
        help_text="For example, 9 3 2026",
        required_message="Enter the date of the review",
    )
    held_time = forms.CharField(
        label="Time the review started",
        help_text="Use the 24-hour clock, for example 14:30",
        max_length=5,
        error_messages={"required": "Enter the time the review started"},
    )
    chair = forms.TypedChoiceField(
        label="Who chaired the review",
        coerce=int,
        error_messages={"required": "Choose who chaired the review"},
    )

    def __init__(self, *args, chairs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.chairs = {u.pk: u for u in chairs}
        self.fields["chair"].choices = [("", "Choose a person")] + [
            (u.pk, f"{u.get_full_name()} ({u.role_label})") for u in chairs
        ]
        self.helper = _helper(
            Field("held_on"),
            Field.text("held_time", field_width=5),
            Field.select("chair"),
        )

    def clean_held_time(self):
        match = TIME.match(self.cleaned_data["held_time"].strip())
        if not match:
            raise forms.ValidationError("Enter the time as hours and minutes, for example 14:30")
        return dt.time(int(match.group(1)), int(match.group(2)))

    def held_at(self) -> dt.datetime:
        naive = dt.datetime.combine(self.cleaned_data["held_on"], self.cleaned_data["held_time"])
        return timezone.make_aware(naive)

    def chosen_chair(self):
        return self.chairs.get(self.cleaned_data.get("chair"))


class ReviewAttendanceForm(forms.Form):
    """Family members and carers from the family network, then up to four professionals."""

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.people = list(people)
        family = []
        for person in self.people:
            name = f"person_{person.pk}"
            self.fields[name] = forms.MultipleChoiceField(
                label=person.full_name,
                choices=ATTENDANCE_CHOICES,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
            family.append(Field.checkboxes(name, legend_size=Size.SMALL, small=True, inline=True))
        layout = (
            [Fieldset(*family, legend="Family members and carers", legend_size=Size.MEDIUM)]
            if family
            else []
        )
        layout.append(HTML('<h2 class="govuk-heading-m">Professionals</h2>'))
        for n in range(1, PROFESSIONAL_ROWS + 1):
            self.fields[f"pro_{n}_name"] = forms.CharField(
                label="Name", max_length=120, required=False
            )
            self.fields[f"pro_{n}_agency"] = forms.CharField(
                label="Agency", max_length=120, required=False
            )
            self.fields[f"pro_{n}_took_part"] = forms.MultipleChoiceField(
                label="Attendance",
                choices=ATTENDANCE_CHOICES,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
            layout.append(
                Fieldset(
                    Field.text(f"pro_{n}_name", field_width=Fluid.TWO_THIRDS),
                    Field.text(f"pro_{n}_agency", field_width=Fluid.TWO_THIRDS),
                    Field.checkboxes(f"pro_{n}_took_part", small=True, inline=True),
                    legend=f"Professional {n}",
                    legend_size=Size.SMALL,
                )
            )
        self.helper = _helper(*layout)

    def clean(self):
        data = super().clean()
        for n in range(1, PROFESSIONAL_ROWS + 1):
            name, agency = data.get(f"pro_{n}_name", ""), data.get(f"pro_{n}_agency", "")
            took_part = data.get(f"pro_{n}_took_part")
            if (name or took_part) and not agency:
                self.add_error(f"pro_{n}_agency", f"Enter the agency of professional {n}")
            if (agency or took_part) and not name:
                self.add_error(f"pro_{n}_name", f"Enter the name of professional {n}")
        return data

    def attendees(self) -> list[Attendee]:
        data = self.cleaned_data
        result = []
        for person in self.people:
            ticks = data.get(f"person_{person.pk}") or []
            if ticks:
                result.append(_attendee(AttendeeRole.PARENT_CARER, ticks, person=person))
        for n in range(1, PROFESSIONAL_ROWS + 1):
            if data.get(f"pro_{n}_name"):
                result.append(
                    _attendee(
                        AttendeeRole.PROFESSIONAL,
                        data.get(f"pro_{n}_took_part") or [],
                        name=data[f"pro_{n}_name"],
                        agency=data[f"pro_{n}_agency"],
                    )
                )
        return result


def _attendee(role: str, ticks: list[str], **who) -> Attendee:
    return Attendee(
        role=role,
        invited="invited" in ticks,
        attended="attended" in ticks,
        sent_report="sent_report" in ticks,
        **who,
    )


class ReviewParticipationForm(forms.Form):
    participation = forms.ChoiceField(
        choices=ParticipationMode.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the child took part in the review, or why not"},
    )
    participation_note = forms.CharField(
        label="How the child's views were gathered, or why they were not",
        help_text="Required if the child was not given the opportunity",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, child=None, **kwargs):
        super().__init__(*args, **kwargs)
        name = child.full_name if child else "the child"
        self.fields["participation"].label = f"How did {name} take part in the review?"
        self.helper = _helper(
            Field.radios("participation", legend_size=Size.MEDIUM),
            Field.textarea("participation_note", label_size=Size.SMALL),
        )

    def clean(self):
        data = super().clean()
        if data.get("participation") == ParticipationMode.NOT_GIVEN_OPPORTUNITY and not data.get(
            "participation_note", ""
        ):
            self.add_error(
                "participation_note", "Give the reason the child was not given the opportunity"
            )
        return data


class ReviewRatingsForm(forms.Form):
    """A rating for each outcome of the plan in force: a 0-10 score, or indicator met or not."""

    def __init__(self, *args, outcomes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.outcomes = list(outcomes)
        fields = []
        for n, outcome in enumerate(self.outcomes, start=1):
            name = f"outcome_{outcome.pk}"
            if outcome.measure_source == MeasureSource.INDICATOR:
                self.fields[name] = forms.ChoiceField(
                    label=f"Outcome {n}: {outcome.text}",
                    help_text=f"Is the indicator met? {outcome.indicator}",
                    choices=[("yes", "Yes, met"), ("no", "No, not met")],
                    widget=forms.RadioSelect,
                    error_messages={
                        "required": f"Say whether the indicator for outcome {n} is met"
                    },
                )
                fields.append(Field.radios(name, legend_size=Size.SMALL, inline=True))
            else:
                self.fields[name] = forms.IntegerField(
                    label=f"Outcome {n}: {outcome.text}",
                    help_text=f"Score from 0 to 10 ({outcome.get_measure_source_display()})",
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
                fields.append(Field.text(name, label_size=Size.SMALL, field_width=2))
        self.helper = _helper(*fields)

    def ratings(self) -> dict[int, Rating]:
        result = {}
        for outcome in self.outcomes:
            value = self.cleaned_data.get(f"outcome_{outcome.pk}")
            if outcome.measure_source == MeasureSource.INDICATOR:
                result[outcome.pk] = Rating(indicator_met=value == "yes")
            else:
                result[outcome.pk] = Rating(score=value)
        return result


class ReviewDecisionForm(forms.Form):
    making_difference = forms.ChoiceField(
        label="Is the plan making a difference for the child?",
        choices=MakingDifference.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the plan is making a difference"},
    )
    what_changes = forms.CharField(
        label="What will change",
        help_text="Required if the plan is only partly or not making a difference",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    decision = forms.ChoiceField(
        label="Decision",
        choices=MeetingDecision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the decision of the review"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.radios("making_difference", legend_size=Size.MEDIUM, inline=True),
            Field.textarea("what_changes", label_size=Size.SMALL),
            Field.radios("decision", legend_size=Size.MEDIUM),
        )
