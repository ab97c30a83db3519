"""Recording a supervision session: the session, then each child on the worker's caseload that
was discussed, with the discussion, decision, drift check and an optional action."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Layout, Size, Submit
from django import forms

from cairn.core.forms import date_field
from cairn.workforce.forms.oversight import (
    DRIFT_HELP,
    action_fields,
    actions_from,
    plan_difference_field,
)
from cairn.workforce.models import SupervisionKind
from cairn.workforce.services.supervision import ChildDiscussed

CHILD_ACTION_ROWS = 1


class SupervisionForm(forms.Form):
    held_on = date_field(
        label="Date of the supervision",
        help_text="For example, 27 3 2026",
        required_message="Enter the date of the supervision",
    )
    kind = forms.ChoiceField(
        label="Type of supervision",
        choices=SupervisionKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the type of supervision"},
    )
    notes = forms.CharField(
        label="Wellbeing, learning and development",
        help_text="Not about a child: what you write here stays on the supervision record",
        widget=forms.Textarea,
        required=False,
    )

    def __init__(self, *args, children, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.children = list(children)
        sections = []
        for child in self.children:
            prefix = f"child_{child.pk}_"
            self.fields[f"{prefix}discussed"] = forms.BooleanField(
                label=f"{child.full_name} was discussed", required=False
            )
            self.fields[f"{prefix}reflection"] = forms.CharField(
                label="Discussion and your reflection",
                help_text="This goes onto the child's record as a supervision discussion",
                widget=forms.Textarea,
                required=False,
            )
            self.fields[f"{prefix}decision"] = forms.CharField(
                label="Decision", widget=forms.Textarea, required=False
            )
            self.fields[f"{prefix}plan_making_difference"] = plan_difference_field()
            self.fields[f"{prefix}what_will_change"] = forms.CharField(
                label="What will change",
                help_text=DRIFT_HELP,
                widget=forms.Textarea,
                required=False,
            )
            actions = action_fields(self, prefix=prefix, owners=owners, rows=CHILD_ACTION_ROWS)
            sections.append(
                Fieldset(
                    Field.checkbox(f"{prefix}discussed"),
                    Field.textarea(f"{prefix}reflection", rows=4),
                    Field.textarea(f"{prefix}decision", rows=2),
                    Field.radios(
                        f"{prefix}plan_making_difference", legend_size=Size.SMALL, inline=True
                    ),
                    Field.textarea(f"{prefix}what_will_change", rows=2),
                    *actions,
                    legend=f"{child.full_name}, {child.la_child_id}",
                    legend_size=Size.MEDIUM,
                )
            )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field("held_on"),
            Field.radios("kind", legend_size=Size.SMALL, inline=True),
            Field.textarea("notes", rows=4),
            *sections,
            Submit("submit", "Save supervision"),
        )

    def service_data(self) -> dict:
        data = self.cleaned_data
        discussed = []
        for child in self.children:
            prefix = f"child_{child.pk}_"
            if not data.get(f"{prefix}discussed"):
                continue
            discussed.append(
                ChildDiscussed(
                    child=child,
                    reflection=data.get(f"{prefix}reflection") or "",
                    decision=data.get(f"{prefix}decision") or "",
                    plan_making_difference=data.get(f"{prefix}plan_making_difference") or "",
                    what_will_change=data.get(f"{prefix}what_will_change") or "",
                    actions=actions_from(data, prefix=prefix, rows=CHILD_ACTION_ROWS),
                )
            )
        return {
            "held_on": data["held_on"],
            "kind": data["kind"],
            "notes": data.get("notes") or "",
            "children": discussed,
        }
