"""The scorecard's GET filters and the report's draft form (ADR 0028)."""

from dataclasses import dataclass
from datetime import date, datetime

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fluid, Layout, Size, Submit
from django import forms

from cairn.core.dates import add_months
from cairn.insight.measures.base import Scope
from cairn.insight.measures.periods import month_start
from cairn.insight.presenters import month_label, month_param

PERIODS = [(12, "Last 12 months"), (24, "Last 24 months"), (6, "Last 6 months")]
END_MONTHS_OFFERED = 36


def end_month_choices(today: date) -> list[tuple[str, str]]:
    """This month and the 35 before it, newest first."""
    this = month_start(today)
    months = [add_months(this, -i) for i in range(END_MONTHS_OFFERED)]
    return [(month_param(m), month_label(m)) for m in months]


def parse_month(value: str) -> date | None:
    try:
        return datetime.strptime(value, "%Y-%m").date()
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class Filters:
    scope: Scope
    months: int
    end: date


class ScorecardFilterForm(forms.Form):
    """Area, period and last month. A value not on the list is an error on its field, and the
    page falls back to the default for it (the user's widest area, 24 months, this month)."""

    area = forms.ChoiceField(
        label="Area", error_messages={"invalid_choice": "Select an area from the list"}
    )
    months = forms.TypedChoiceField(
        label="Period",
        coerce=int,
        choices=PERIODS,
        error_messages={"invalid_choice": "Select a period from the list"},
    )
    end = forms.ChoiceField(
        label="Up to the end of",
        error_messages={"invalid_choice": "Select a month from the list"},
    )

    def __init__(self, data, *, areas: list[tuple[Scope, str]], today: date, default_months=24):
        data = data.copy()
        self.defaults = {
            "area": areas[0][0].key,
            "months": str(default_months),
            "end": month_param(today),
        }
        for name, value in self.defaults.items():
            if not data.get(name):
                data[name] = value
        super().__init__(data)
        self.fields["area"].choices = [(scope.key, name) for scope, name in areas]
        self.fields["end"].choices = end_month_choices(today)

    def value(self) -> Filters:
        """The filters to apply: each valid field's value, else its default."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        area = data.get("area") or self.defaults["area"]
        end = data.get("end") or self.defaults["end"]
        return Filters(
            scope=Scope.from_key(area),
            months=data.get("months") or int(self.defaults["months"]),
            end=parse_month(end),
        )


def _helper(*fields, button: str) -> FormHelper:
    helper = FormHelper()
    helper.layout = Layout(*fields, Submit("submit", button))
    return helper


def _text_area(label: str, help_text: str = "", rows: int = 6) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class ReportForm(forms.Form):
    """A draft report's period, area and narrative. The narrative may be empty while drafting;
    issuing needs all three parts (the service says so)."""

    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="For example, Children's services performance report, April 2026",
        error_messages={"required": "Enter a title for the report"},
    )
    area = forms.ChoiceField(
        label="Area", error_messages={"invalid_choice": "Select an area from the list"}
    )
    months = forms.TypedChoiceField(label="Period", coerce=int, choices=PERIODS)
    end = forms.ChoiceField(
        label="Up to the end of",
        error_messages={"invalid_choice": "Select a month from the list"},
    )
    summary = _text_area("Summary", "What a member should take from this report")
    strengths = _text_area("Strengths")
    areas_for_development = _text_area("Areas for development")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, areas: list[tuple[Scope, str]], today: date, button: str, **kw):
        super().__init__(*args, **kw)
        self.fields["area"].choices = [(scope.key, name) for scope, name in areas]
        self.fields["end"].choices = end_month_choices(today)
        self.helper = _helper(
            Field.text("title", field_width=Fluid.FULL),
            Field.select("area"),
            Field.select("months"),
            Field.select("end"),
            Field.textarea("summary", label_size=Size.SMALL),
            Field.textarea("strengths", label_size=Size.SMALL),
            Field.textarea("areas_for_development", label_size=Size.SMALL),
            Field("version"),
            button=button,
        )

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"].strip(),
            "scope": Scope.from_key(data["area"]),
            "months": data["months"],
            "period_end": parse_month(data["end"]),
            "summary": data["summary"],
            "strengths": data["strengths"],
            "areas_for_development": data["areas_for_development"],
        }
