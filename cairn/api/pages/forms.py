"""Forms for the integrations and token pages. Validation that is the service's (a unique name,
a staff role, 1 to 366 days) stays in `cairn/api/services.py`; these only shape the input."""

import datetime as dt

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fluid, Layout, Size, Submit
from django import forms

from cairn.accounts.models import Team
from cairn.accounts.roles import Role
from cairn.api.scopes import ApiScope
from cairn.api.services import MAX_DAYS
from cairn.core import clock
from cairn.core.forms import date_field

STAFF_ROLES = [(role.value, role.label) for role in Role if role != Role.SYSTEM]


class ClientForm(forms.Form):
    name = forms.CharField(
        label="Integration name",
        help_text="For example, Fernbridge Police referral portal",
        max_length=120,
        error_messages={"required": "Enter the integration's name"},
    )
    organisation = forms.CharField(label="Partner organisation", max_length=120, required=False)
    role = forms.ChoiceField(
        label="Role of the integration's service user",
        help_text="The role decides which records the integration may read, as for staff",
        choices=STAFF_ROLES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the service user's role"},
    )
    team = forms.ModelChoiceField(
        label="Team of the integration's service user",
        queryset=Team.objects.order_by("name"),
        required=False,
        empty_label="No team",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("name", field_width=Fluid.TWO_THIRDS),
            Field.text("organisation", field_width=Fluid.TWO_THIRDS),
            Field.radios("role", legend_size=Size.SMALL, small=True),
            Field.select("team"),
            Submit("create", "Create the integration"),
        )


class TokenIssueForm(forms.Form):
    scopes = forms.MultipleChoiceField(
        label="What may the token be used for?",
        choices=ApiScope.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one thing the token may be used for"},
    )
    expires_on = date_field(
        label="Expiry date",
        help_text=f"Between tomorrow and {MAX_DAYS} days from today",
        required_message="Enter the token's expiry date",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.checkboxes("scopes", legend_size=Size.SMALL, small=True),
            Field("expires_on"),
            Submit("issue", "Issue the token"),
        )

    def clean_expires_on(self) -> dt.date:
        expires_on = self.cleaned_data["expires_on"]
        today = clock.today()
        if expires_on <= today:
            raise forms.ValidationError("The expiry date must be in the future")
        if (expires_on - today).days > MAX_DAYS:
            raise forms.ValidationError(f"The expiry date must be within {MAX_DAYS} days")
        return expires_on

    @property
    def days(self) -> int:
        return (self.cleaned_data["expires_on"] - clock.today()).days


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label="Why is the token revoked?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": "Enter why the token is revoked"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.textarea("reason"),
            Submit("revoke", "Revoke the token", css_class="govuk-button--warning"),
        )
