from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Fluid, Layout, Size, Submit
from django import forms

from cairn.core.codelists import choices
from cairn.core.forms import date_field


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Name, date of birth or identifier",
        help_text="For example, Jayden Smith, 14/03/2015, an NHS number, UPN or LA child ID",
        max_length=200,
        error_messages={"required": "Enter a name, date of birth or identifier"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.layout = Layout(
            Field.text("q", field_width=Fluid.TWO_THIRDS), Submit("search", "Search")
        )


class RegisterChildForm(forms.Form):
    given_name = forms.CharField(label="Given name", max_length=100, required=False)
    family_name = forms.CharField(
        label="Family name",
        max_length=100,
        error_messages={"required": "Enter the child's family name"},
    )
    date_of_birth = date_field(
        label="Date of birth", required=False, help_text="For example, 27 3 2016"
    )
    expected_date_of_birth = date_field(
        label="Expected date of birth (unborn child)",
        required=False,
        help_text="Only for an unborn child",
    )
    sex = forms.ChoiceField(
        label="Sex", choices=choices("sex"), initial="U", widget=forms.RadioSelect
    )
    ethnicity = forms.ChoiceField(label="Ethnicity", choices=choices("ethnicity"), initial="NOBT")
    disabilities = forms.MultipleChoiceField(
        label="Disabilities",
        choices=choices("disability"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    nhs_number = forms.CharField(
        label="NHS number", max_length=12, required=False, help_text="10 digits"
    )
    upn = forms.CharField(label="Unique pupil number (UPN)", max_length=13, required=False)
    upn_unknown_reason = forms.ChoiceField(
        label="Reason the UPN is unknown",
        choices=[("", "Not applicable"), *choices("upn_unknown")],
        required=False,
    )
    confirm_new = forms.BooleanField(
        label="I have checked the possible matches and this is a different child", required=False
    )

    def __init__(self, *args, show_confirm: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        fields = [
            Fieldset(
                Field.text("given_name", field_width=Fluid.ONE_HALF),
                Field.text("family_name", field_width=Fluid.ONE_HALF),
                legend="Name",
                legend_size=Size.MEDIUM,
            ),
            Field("date_of_birth"),
            Field("expected_date_of_birth"),
            Field.radios("sex", legend_size=Size.SMALL, inline=True),
            Field.select("ethnicity"),
            Field.checkboxes("disabilities", legend_size=Size.SMALL, small=True),
            Field.text("nhs_number", field_width=Fluid.ONE_THIRD),
            Field.text("upn", field_width=Fluid.ONE_THIRD),
            Field.select("upn_unknown_reason"),
        ]
        if show_confirm:
            fields.append(Field.checkbox("confirm_new"))
        self.helper.layout = Layout(*fields, Submit("submit", "Register child"))

    def clean(self):
        data = super().clean()
        if not data.get("date_of_birth") and not data.get("expected_date_of_birth"):
            self.add_error(
                "date_of_birth", "Enter the date of birth, or an expected date for an unborn child"
            )
        return data
