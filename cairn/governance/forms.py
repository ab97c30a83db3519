from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fluid, Layout, Size, Submit
from django import forms

from cairn.core.forms import date_field
from cairn.governance.models import RestrictionReason


class AccessReviewForm(forms.Form):
    reference = forms.CharField(
        label="LA child ID or person ID",
        max_length=20,
        error_messages={"required": "Enter the LA child ID or person ID"},
    )
    start = date_field(label="From", required_message="Enter the start of the period")
    end = date_field(label="To", required_message="Enter the end of the period")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.layout = Layout(
            Field.text("reference", field_width=Fluid.ONE_THIRD),
            Field("start"),
            Field("end"),
            Submit("review", "Show access"),
        )

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", "The end of the period must be on or after its start")
        return data


class PeriodForm(forms.Form):
    start = date_field(label="From", required_message="Enter the start of the period")
    end = date_field(label="To", required_message="Enter the end of the period")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.layout = Layout(Field("start"), Field("end"), Submit("show", "Show report"))

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", "The end of the period must be on or after its start")
        return data


class ReferenceForm(forms.Form):
    reference = forms.CharField(
        label="LA child ID or person ID",
        max_length=20,
        error_messages={"required": "Enter the LA child ID or person ID"},
    )

    def __init__(self, *args, submit: str = "Find", method: str = "get", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = method
        self.helper.layout = Layout(
            Field.text("reference", field_width=Fluid.ONE_THIRD), Submit("find", submit)
        )


class RestrictForm(forms.Form):
    reference = forms.CharField(
        label="LA child ID or person ID",
        max_length=20,
        error_messages={"required": "Enter the LA child ID or person ID"},
    )
    category = forms.ChoiceField(
        label="Why is the record restricted?",
        choices=RestrictionReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose why the record is restricted"},
    )
    reason = forms.CharField(
        label="Details",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the record is restricted"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("reference", field_width=Fluid.ONE_THIRD),
            Field.radios("category", legend_size=Size.SMALL),
            Field.textarea("reason"),
            Submit("restrict", "Restrict the record"),
        )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the reason"},
    )

    def __init__(
        self,
        *args,
        label: str = "Reason",
        required_message: str = "Enter the reason",
        submit: str = "Continue",
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = label
        self.fields["reason"].error_messages["required"] = required_message
        self.helper = FormHelper()
        self.helper.layout = Layout(Field.textarea("reason"), Submit("go", submit))


class AllowUserForm(forms.Form):
    username = forms.CharField(
        label="Username of the person who may open the record",
        max_length=150,
        error_messages={"required": "Enter the username"},
    )
    reason = forms.CharField(
        label="Why may they open it?",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Enter why they may open the record"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("username", field_width=Fluid.ONE_THIRD),
            Field.textarea("reason"),
            Submit("allow", "Name this user"),
        )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Decision",
        choices=[("grant", "Grant access"), ("refuse", "Refuse")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose grant or refuse"},
    )
    note = forms.CharField(
        label="Note (needed to refuse)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.radios("decision", legend_size=Size.SMALL, inline=True),
            Field.textarea("note"),
            Submit("decide", "Save decision"),
        )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "refuse" and not (data.get("note") or "").strip():
            self.add_error("note", "Enter why the request is refused")
        return data
