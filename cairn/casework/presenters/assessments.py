"""Shape assessments for templates: status tags, timeliness text, summary-list rows with change
links, views, factors and the status history. Templates hold no logic."""

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from cairn.casework.models import Assessment, AssessmentStatus, IdentityAspect, ViewHolder
from cairn.casework.selectors.assessments import Timeliness, UpdateDue
from cairn.core.codelists import label


def format_date(value: dt.date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else "Not recorded"


STATUS_TAG = {
    AssessmentStatus.DRAFT: "govuk-tag--blue",
    AssessmentStatus.SUBMITTED: "govuk-tag--yellow",
    AssessmentStatus.RETURNED: "govuk-tag--orange",
    AssessmentStatus.AUTHORISED: "govuk-tag--green",
}


@dataclass(frozen=True)
class Tag:
    text: str
    css: str


def status_tag(assessment: Assessment) -> Tag:
    return Tag(assessment.get_status_display(), STATUS_TAG[assessment.status])


def _working_days(n: int) -> str:
    return f"{n} working day{'s' if n != 1 else ''}"


def timeliness_tag(timeliness: Timeliness) -> Tag:
    if timeliness.is_complete:
        if timeliness.within_timescale:
            return Tag("Authorised within 45 working days", "govuk-tag--green")
        return Tag(f"Authorised {_working_days(timeliness.days_over)} late", "govuk-tag--red")
    if not timeliness.within_timescale:
        return Tag(f"Overdue by {_working_days(timeliness.days_over)}", "govuk-tag--red")
    return Tag("Within timescale", "govuk-tag--grey")


def timeliness_rows(assessment: Assessment, timeliness: Timeliness) -> list[tuple[str, str]]:
    first = assessment.previous is None or assessment.previous.episode_id != assessment.episode_id
    counted_from = "Referral" if first else "Start of this updated assessment"
    rows = [
        (f"{counted_from} (day 0)", format_date(timeliness.counted_from)),
        ("Due by (45 working days)", format_date(timeliness.deadline)),
    ]
    if timeliness.target_date != timeliness.deadline:
        rows.append(("Manager's target", format_date(timeliness.target_date)))
    done = "Working days to authorisation" if timeliness.is_complete else "Working days so far"
    rows.append((done, str(timeliness.working_days)))
    return rows


@dataclass(frozen=True)
class SummaryRow:
    key: str
    value: str
    change_url: str = ""
    change_label: str = ""
    missing: bool = False


def _text(value: str) -> str:
    return value or "Not recorded"


def section_rows(assessment: Assessment, *, editable: bool) -> list[SummaryRow]:
    """The sections as summary-list rows, with "Change" links while the assessment is editable."""

    def url(section: str) -> str:
        if not editable:
            return ""
        return reverse("casework:assessment_section", args=[assessment.pk, section])

    return [
        SummaryRow("Date started", format_date(assessment.started_on), change_label="date started"),
        SummaryRow(
            "Date the child was seen",
            format_date(assessment.child_seen_on),
            url("child-seen"),
            "date the child was seen",
            missing=not assessment.child_seen_on,
        ),
        SummaryRow(
            "Family history and chronology summary",
            _text(assessment.family_history),
            url("family-history"),
            "family history",
        ),
        SummaryRow(
            "The child's lived experience",
            _text(assessment.lived_experience),
            url("lived-experience"),
            "lived experience",
        ),
        SummaryRow("Strengths", _text(assessment.strengths), url("strengths"), "strengths"),
        SummaryRow("Risks", _text(assessment.risks), url("risks"), "risks"),
        SummaryRow(
            "Analysis",
            _text(assessment.analysis),
            url("analysis"),
            "analysis",
            missing=not assessment.analysis.strip(),
        ),
        SummaryRow(
            "Outcome",
            assessment.get_outcome_display() or "Not recorded",
            url("outcome"),
            "outcome",
            missing=not assessment.outcome,
        ),
    ]


def identity_rows(assessment: Assessment, *, editable: bool) -> list[SummaryRow]:
    found = {row.aspect: row for row in assessment.identity.all()}
    change = reverse("casework:assessment_identity", args=[assessment.pk]) if editable else ""
    rows = []
    for aspect, aspect_label in IdentityAspect.choices:
        row = found.get(aspect)
        if row is not None and row.content:
            value = row.content
        elif row is not None and row.not_relevant_reason:
            value = f"Not relevant because: {row.not_relevant_reason}"
        else:
            value = "Not completed"
        rows.append(
            SummaryRow(
                aspect_label,
                value,
                change,
                aspect_label.lower(),
                missing=row is None or not row.is_complete,
            )
        )
    return rows


@dataclass(frozen=True)
class ViewRow:
    whose: str
    how_obtained: str
    content: str


def view_rows(assessment: Assessment) -> list[ViewRow]:
    rows = []
    for view in assessment.views.all():
        if view.holder == ViewHolder.CHILD:
            whose = "The child"
        elif view.holder == ViewHolder.PARENT_CARER:
            whose = f"{view.person.full_name} (parent or carer)" if view.person else "Parent"
        else:
            whose = f"{view.professional_name}, {view.agency}"
        rows.append(ViewRow(whose, view.how_obtained, view.content))
    return rows


def factor_labels(assessment: Assessment) -> list[str]:
    return [
        f"{factor.code}: {label('assessment_factor', factor.code)}"
        for factor in sorted(assessment.factors.all(), key=lambda f: f.code)
    ]


@dataclass(frozen=True)
class HistoryRow:
    when: str
    change: str
    by: str
    comment: str


def _when(at: dt.datetime) -> str:
    local = timezone.localtime(at)
    return f"{local.day} {local:%B %Y} at {local:%H:%M}"


def history_rows(assessment: Assessment) -> list[HistoryRow]:
    labels = dict(AssessmentStatus.choices)
    return [
        HistoryRow(
            when=_when(change.at),
            change=f"{labels[change.from_status]} to {labels[change.to_status].lower()}",
            by=change.by.get_full_name(),
            comment=change.comment,
        )
        for change in assessment.status_changes.all()
    ]


@dataclass(frozen=True)
class AssessmentRow:
    url: str
    started: str
    status: Tag
    kind: str
    due: str
    authorised: str


def assessment_rows(assessments) -> list[AssessmentRow]:
    return [
        AssessmentRow(
            url=reverse("casework:assessment_detail", args=[a.pk]),
            started=format_date(a.started_on),
            status=status_tag(a),
            kind="Updated assessment" if a.previous_id else "Single assessment",
            due=format_date(a.target_date),
            authorised=format_date(a.authorised_on) if a.authorised_on else "",
        )
        for a in assessments
    ]


@dataclass(frozen=True)
class UpdateDueRow:
    event: str
    occurred: str
    due: str
    status: Tag
    start_url: str


def update_due_rows(child, due: list[UpdateDue], *, can_start: bool) -> list[UpdateDueRow]:
    base = reverse("casework:assessment_start", args=[child.pk])
    rows = []
    for item in due:
        if item.overdue_by > 0:
            tag = Tag(f"Overdue by {_working_days(item.overdue_by)}", "govuk-tag--red")
        elif item.overdue_by == 0:
            tag = Tag("Due today", "govuk-tag--orange")
        else:
            tag = Tag(f"Due in {_working_days(-item.overdue_by)}", "govuk-tag--grey")
        rows.append(
            UpdateDueRow(
                event=str(item.event.get_type_display()),
                occurred=format_date(item.event.occurred_on),
                due=format_date(item.due_on),
                status=tag,
                start_url=f"{base}?event={item.event.pk}" if can_start else "",
            )
        )
    return rows


@dataclass(frozen=True)
class EventRow:
    occurred: str
    type: str
    description: str


def event_rows(events) -> list[EventRow]:
    return [
        EventRow(format_date(e.occurred_on), e.get_type_display(), e.description) for e in events
    ]


def problem_links(assessment: Assessment, problems: dict[str, list[str]]) -> list[tuple[str, str]]:
    """Each problem with a link to the page that fixes it (for the error summary)."""
    section = {
        "child_seen_on": "child-seen",
        "outcome": "outcome",
        "analysis": "analysis",
    }
    pages = {
        "identity": "casework:assessment_identity",
        "views": "casework:assessment_views",
        "factors": "casework:assessment_factors",
    }
    links = []
    for field, messages in problems.items():
        if field in section:
            url = reverse("casework:assessment_section", args=[assessment.pk, section[field]])
        elif field in pages:
            url = reverse(pages[field], args=[assessment.pk])
        else:
            url = reverse("casework:assessment_detail", args=[assessment.pk])
        links += [(message, url) for message in messages]
    return links
