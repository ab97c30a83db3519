"""Forms for auditing a child's record, moderation, recommendations and follow-up."""

from crispy_forms_gds.layout import HTML, Field, Fieldset, Size
from django import forms
from django.utils.html import format_html, format_html_join

from cairn.core.forms import date_field
from cairn.quality.forms.common import GRADE_CHOICES, form_helper, text_area, version_field
from cairn.quality.models import Domain, ImpactAnswer


def _questions_html(questions) -> HTML:
    items = format_html_join("", "<li>{}</li>", ((q.text,) for q in questions))
    return HTML(
        format_html(
            '<p class="govuk-body govuk-!-margin-bottom-1">Questions</p>'
            '<ul class="govuk-list govuk-list--bullet govuk-body-s">{}</ul>',
            items,
        )
    )


class AuditForm(forms.Form):
    """All six domains (grade, narrative, evidence), the overall grade and summary, and the
    family's feedback. `evidence` are the child's record items (key, label)."""

    overall_grade = forms.ChoiceField(
        label="Overall grade", choices=GRADE_CHOICES, widget=forms.RadioSelect, required=False
    )
    summary = text_area("Summary of findings", rows=5)
    family_feedback = text_area(
        "Family feedback (optional)", help_text="What the child or family told you", rows=3
    )
    version = version_field()

    def __init__(self, *args, questions=(), evidence=(), **kwargs):
        super().__init__(*args, **kwargs)
        by_domain: dict[str, list] = {}
        for question in questions:
            by_domain.setdefault(question.domain, []).append(question)
        fieldsets = []
        for domain in Domain:
            d = domain.value
            self.fields[f"grade_{d}"] = forms.ChoiceField(
                label="Grade", choices=GRADE_CHOICES, widget=forms.RadioSelect, required=False
            )
            self.fields[f"narrative_{d}"] = text_area("What you found", rows=4)
            self.fields[f"evidence_{d}"] = forms.MultipleChoiceField(
                label="Records that evidence this",
                choices=list(evidence),
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
            fieldsets.append(
                Fieldset(
                    _questions_html(by_domain.get(d, [])),
                    Field.radios(f"grade_{d}", legend_size=Size.SMALL, inline=True),
                    Field.textarea(f"narrative_{d}", rows=4),
                    Field.checkboxes(f"evidence_{d}", legend_size=Size.SMALL, small=True),
                    legend=domain.label,
                    legend_size=Size.MEDIUM,
                )
            )
        self.helper = form_helper(
            *fieldsets,
            Fieldset(
                Field.radios("overall_grade", legend_size=Size.SMALL, inline=True),
                Field.textarea("summary", rows=5),
                Field.textarea("family_feedback", rows=3),
                legend="Overall",
                legend_size=Size.MEDIUM,
            ),
            Field("version"),
            button="Save the audit",
        )


class SubmitForm(forms.Form):
    version = version_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(Field("version"), button="Submit for moderation")


class ModerateForm(forms.Form):
    overall_grade = forms.ChoiceField(
        label="Overall grade",
        choices=GRADE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the overall grade"},
    )
    reason = text_area("Reason for any change", help_text="Needed if you change a grade", rows=3)
    version = version_field()

    def __init__(self, *args, domains=(), **kwargs):
        super().__init__(*args, **kwargs)
        fields = []
        for domain in domains:
            self.fields[f"grade_{domain}"] = forms.ChoiceField(
                label=Domain(domain).label,
                choices=GRADE_CHOICES,
                widget=forms.RadioSelect,
                error_messages={"required": "Choose a grade"},
            )
            fields.append(Field.radios(f"grade_{domain}", legend_size=Size.SMALL, inline=True))
        self.helper = form_helper(
            *fields,
            Field.radios("overall_grade", legend_size=Size.SMALL, inline=True),
            Field.textarea("reason", rows=3),
            Field("version"),
            button="Confirm moderation",
        )


class GradeChangeForm(forms.Form):
    domain = forms.ChoiceField(
        label="Which grade",
        choices=[("", "Overall grade")] + Domain.choices,
        required=False,
    )
    to_grade = forms.ChoiceField(
        label="New grade",
        choices=GRADE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the new grade"},
    )
    reason = text_area("Reason for the change", "Give the reason for the change", rows=3)
    version = version_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.select("domain"),
            Field.radios("to_grade", legend_size=Size.SMALL, inline=True),
            Field.textarea("reason", rows=3),
            Field("version"),
            button="Record the change",
        )


class FindingForm(forms.Form):
    theme = forms.TypedChoiceField(
        label="Theme", coerce=int, error_messages={"required": "Choose the theme"}
    )
    finding = text_area("Finding", "Write the finding that shows this theme", rows=3)

    def __init__(self, *args, themes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", "Choose")] + [(t.pk, t.name) for t in themes]
        self.helper = form_helper(
            Field.select("theme"), Field.textarea("finding", rows=3), button="Tag the theme"
        )


class ReflectionForm(forms.Form):
    reflection = text_area(
        "Your reflection",
        "Write your reflection",
        help_text="What you, as the child's worker or manager, think of the audit's findings",
        rows=4,
    )
    version = version_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.textarea("reflection", rows=4), Field("version"), button="Add your reflection"
        )


class RecommendationForm(forms.Form):
    action = text_area(
        "What needs to be done for the child", "Say what needs to be done for the child", rows=3
    )
    owner = forms.TypedChoiceField(
        label="Owner", coerce=int, error_messages={"required": "Choose the owner"}
    )
    due_on = date_field(label="Due by", required_message="Enter the due date")
    theme = forms.ChoiceField(label="Theme (optional)", required=False)

    def __init__(self, *args, owners=(), themes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [("", "Choose")] + [
            (u.pk, u.get_full_name()) for u in owners
        ]
        self.fields["theme"].choices = [("", "No theme")] + [(t.pk, t.name) for t in themes]
        self.helper = form_helper(
            Field.textarea("action", rows=3),
            Field.select("owner"),
            Field("due_on"),
            Field.select("theme"),
            button="Make the recommendation",
        )


class CompleteForm(forms.Form):
    evidence = forms.ChoiceField(
        label="Which record shows the action was taken?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the record that shows this"},
    )
    note = text_area("What was done (optional)", rows=3)
    version = version_field()

    def __init__(self, *args, evidence=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].choices = list(evidence)
        self.helper = form_helper(
            Field.radios("evidence", legend_size=Size.SMALL),
            Field.textarea("note", rows=3),
            Field("version"),
            button="Record the action",
        )


class VerifyForm(forms.Form):
    decision = forms.ChoiceField(
        label="Does the record show the action was taken?",
        choices=[("verify", "Yes, verify it"), ("return", "No, send it back")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to verify the action"},
    )
    reason = text_area("Why it is sent back", help_text="Needed if you send it back", rows=3)
    version = version_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.radios("decision", legend_size=Size.SMALL),
            Field.textarea("reason", rows=3),
            Field("version"),
            button="Save the decision",
        )


class FollowUpForm(forms.Form):
    answer = forms.ChoiceField(
        label="Is the impact for the child evident?",
        choices=ImpactAnswer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the impact for the child is evident"},
    )
    narrative = text_area("What you found", "Describe what you found", rows=4)
    evidence = forms.ChoiceField(
        label="The record that shows it (needed for yes or partly)",
        widget=forms.RadioSelect,
        required=False,
    )

    def __init__(self, *args, evidence=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].choices = list(evidence)
        self.helper = form_helper(
            Field.radios("answer", legend_size=Size.SMALL, inline=True),
            Field.textarea("narrative", rows=4),
            Field.radios("evidence", legend_size=Size.SMALL),
            button="Record the follow-up",
        )
