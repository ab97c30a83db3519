"""The census page's one question: which census year (its reference date, 31 March)."""

import datetime as dt

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Layout, Submit
from django import forms

from .period import census_year

YEARS_SHOWN = 6


def year_choices(today: dt.date) -> list[tuple[str, str]]:
    """The census years that have ended on or before today, latest first."""
    last = today.year if (today.month, today.day) >= (3, 31) else today.year - 1
    years = [census_year(dt.date(y, 3, 31)) for y in range(last, last - YEARS_SHOWN, -1)]
    return [(y.reference_date.isoformat(), f"{y.label} (31 March {y.year})") for y in years]


class CensusYearForm(forms.Form):
    reference_date = forms.ChoiceField(
        label="Census year",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the census year",
            "invalid_choice": "Select one of the census years listed",
        },
    )

    def __init__(self, *args, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reference_date"].choices = year_choices(today)
        self.helper = FormHelper()
        self.helper.form_method = "post"
        self.helper.layout = Layout("reference_date", Submit("run", "Produce and check the return"))

    def year(self):
        return census_year(self.cleaned_data["reference_date"])
