"""Forms for plans: outcomes, actions, contingency, the family network, authorisation."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fluid, Layout, Size, Submit
from django import forms
from django.core.exceptions import ValidationError

from cairn.casework.models import ActionStatus, FgcStatus, MeasureSource
from cairn.core.forms import date_field
from cairn.core.records import ConcurrentEditError


def add_service_errors(form: forms.Form, error: ValidationError | ConcurrentEditError) -> None:
    """Show a service's refusal on the form: on the field it names, else above the form."""
    if isinstance(error, ConcurrentEditError):
        form.add_error(None, str(error))
        form.conflicting_record = error.instance  # shown as "their changes" (issue 11)
        return
    for name, problems in error.message_dict.items():
        form.add_error(name if name in form.fields else None, problems)


def _helper(*fields, submit: str) -> FormHelper:
    helper = FormHelper()
    helper.layout = Layout(*fields, Submit("submit", submit))
    return helper


class ConfirmForm(forms.Form):
    """No fields: a button, and somewhere to show a service's refusal."""

    def __init__(self, *args, submit: str = "Continue", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(submit=submit)


class OutcomeForm(forms.Form):
    text = forms.CharField(
        label="What will be different for the child",
        help_text="Write it as the change the child will notice, for example "
        "'Amara gets to school on time every day'",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what will be different for the child"},
    )
    measure_source = forms.ChoiceField(
        label="How will we measure the impact on the child?",
        choices=[*MeasureSource.choices, ("", "Not decided yet")],
        required=False,
        widget=forms.RadioSelect,
    )
    baseline = forms.IntegerField(
        label="Baseline score now (0 to 10)",
        help_text="For a 0 to 10 scale only",
        min_value=0,
        max_value=10,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "min_value": "The baseline must be a whole number from 0 to 10",
            "max_value": "The baseline must be a whole number from 0 to 10",
            "invalid": "The baseline must be a whole number from 0 to 10",
        },
    )
    indicator = forms.CharField(
        label="Observable indicator",
        help_text="For an observable indicator only: what we will see when it has changed",
        max_length=300,
        required=False,
    )

    def __init__(self, *args, submit: str = "Save outcome", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.textarea("text", label_size=Size.SMALL),
            Field.radios("measure_source", legend_size=Size.SMALL),
            Field.text("baseline", field_width=2),
            Field.text("indicator", field_width=Fluid.FULL),
            submit=submit,
        )


class ActionForm(forms.Form):
    what = forms.CharField(
        label="What will be done",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what will be done"},
    )
    who_person = forms.TypedChoiceField(
        label="Who will do it: someone in the family",
        coerce=int,
        empty_value=None,
        required=False,
    )
    who_agency = forms.CharField(
        label="Or: which agency or professional will do it",
        help_text="For example, Greenfields Primary School or the allocated social worker",
        max_length=120,
        required=False,
    )
    due_on = date_field(
        label="Done by", help_text="For example, 27 4 2026", required_message="Enter the date"
    )
    status = forms.ChoiceField(
        label="Status",
        choices=ActionStatus.choices,
        initial=ActionStatus.NOT_STARTED,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, people=(), submit: str = "Save action", **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {p.pk: p for p in people}
        self.fields["who_person"].choices = [("", "Not a family member")] + [
            (p.pk, p.full_name) for p in people
        ]
        self.helper = _helper(
            Field.textarea("what", label_size=Size.SMALL),
            Field.select("who_person"),
            Field.text("who_agency", field_width=Fluid.TWO_THIRDS),
            Field("due_on"),
            Field.radios("status", legend_size=Size.SMALL, small=True),
            submit=submit,
        )

    def person(self):
        return self.people.get(self.cleaned_data.get("who_person"))


class ContingencyForm(forms.Form):
    triggers = forms.CharField(
        label="What would show the plan is not working",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    response = forms.CharField(
        label="What will then happen", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    who_acts = forms.CharField(label="Who acts", max_length=200, required=False)
    fgc_status = forms.ChoiceField(
        label="Family group conference",
        choices=FgcStatus.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose whether a family group conference was offered, held or declined"
        },
    )
    fgc_on = date_field(
        label="Date the family group conference was held",
        help_text="Only if it was held",
        required=False,
    )
    fgc_reason = forms.CharField(
        label="Why it was declined or not offered",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.textarea("triggers", label_size=Size.SMALL),
            Field.textarea("response", label_size=Size.SMALL),
            Field.text("who_acts", field_width=Fluid.TWO_THIRDS),
            Field.radios("fgc_status", legend_size=Size.SMALL),
            Field("fgc_on"),
            Field.textarea("fgc_reason", label_size=Size.SMALL),
            submit="Save contingency arrangements",
        )


class NetworkMemberForm(forms.Form):
    person = forms.TypedChoiceField(
        label="Who in the family network was considered",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who was considered"},
    )
    how_considered = forms.CharField(
        label="How they were considered",
        help_text="For example, could look after the child at short notice",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say how this person was considered"},
    )

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {p.pk: p for p in people}
        self.fields["person"].choices = [(p.pk, p.full_name) for p in people]
        self.helper = _helper(
            Field.radios("person", legend_size=Size.SMALL),
            Field.textarea("how_considered", label_size=Size.SMALL),
            submit="Add to the network considered",
        )

    def chosen(self):
        return self.people.get(self.cleaned_data.get("person"))


class AuthoriseForm(forms.Form):
    authorised_on = date_field(
        label="Date authorised",
        help_text="For example, 16 3 2026",
        required_message="Enter the date the plan was authorised",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field("authorised_on"), submit="Authorise plan")


class RemoveForm(forms.Form):
    reason = forms.CharField(
        label="Why are you removing this outcome?",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Enter the reason for removing this outcome"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.textarea("reason", label_size=Size.SMALL), submit="Remove outcome"
        )
