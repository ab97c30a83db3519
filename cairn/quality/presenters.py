"""The audit programme shaped for templates: tags, dates and rows (templates hold no logic)."""

import datetime as dt
from dataclasses import dataclass, field

from django.urls import reverse

from cairn.frontdoor.models import Level
from cairn.people.presenters import format_date
from cairn.quality.models import (
    AuditStatus,
    CaseAudit,
    Domain,
    Grade,
    Recommendation,
    RecommendationStatus,
)
from cairn.quality.selectors.audits import child_audits_get
from cairn.quality.selectors.records import record_item_urls

GRADE_CSS = {
    Grade.OUTSTANDING: "govuk-tag--green",
    Grade.GOOD: "govuk-tag--turquoise",
    Grade.REQUIRES_IMPROVEMENT: "govuk-tag--yellow",
    Grade.INADEQUATE: "govuk-tag--red",
}
STATUS_CSS = {
    AuditStatus.TO_ALLOCATE: "govuk-tag--grey",
    AuditStatus.ALLOCATED: "govuk-tag--blue",
    AuditStatus.SUBMITTED: "govuk-tag--purple",
    AuditStatus.MODERATED: "govuk-tag--green",
}


@dataclass(frozen=True)
class Tag:
    text: str
    css: str


def grade_tag(grade: str) -> Tag | None:
    return Tag(Grade(grade).label, GRADE_CSS[grade]) if grade else None


def audit_status_tag(status: str) -> Tag:
    return Tag(AuditStatus(status).label, STATUS_CSS[status])


def recommendation_tag(recommendation: Recommendation, today: dt.date) -> Tag:
    """Overdue (AUDIT_ACTION_OVERDUE) when still open after its due date."""
    if recommendation.status == RecommendationStatus.VERIFIED:
        return Tag("Verified", "govuk-tag--green")
    if recommendation.status == RecommendationStatus.AWAITING_VERIFICATION:
        return Tag("Awaiting verification", "govuk-tag--blue")
    if recommendation.due_on < today:
        return Tag("Overdue", "govuk-tag--red")
    return Tag("Open", "govuk-tag--grey")


def level_label(level: str) -> str:
    return Level(level).label if level in Level.values else level


def _name(user) -> str:
    return user.get_full_name() if user else "Not recorded"


@dataclass
class RecommendationRow:
    pk: int
    action: str
    owner: str
    due: str
    tag: Tag
    child: str = ""
    url: str = ""


def recommendation_rows(
    recommendations, today: dt.date, with_child: bool = False
) -> list[RecommendationRow]:
    return [
        RecommendationRow(
            pk=r.pk,
            action=r.action,
            owner=_name(r.owner),
            due=format_date(r.due_on),
            tag=recommendation_tag(r, today),
            child=r.child.full_name if with_child else "",
            url=reverse("quality:recommendation_detail", args=[r.pk]),
        )
        for r in recommendations
    ]


@dataclass
class DomainSection:
    label: str
    grade: Tag | None
    narrative: str
    evidence: list[tuple[str, str]] = field(default_factory=list)  # (label, url)


def audit_view(audit: CaseAudit, today: dt.date) -> dict:
    """Everything the audit page shows, from an audit read by selectors.audit_get."""
    grades = {g.domain: g for g in audit.grades.all()}
    refs = [(e.record_kind, e.record_id) for g in grades.values() for e in g.evidence.all()]
    recommendations = list(audit.recommendations.all())
    refs += [(r.evidence_kind, r.evidence_id) for r in recommendations if r.evidence_id]
    follow_up = getattr(audit, "follow_up", None)
    if follow_up and follow_up.evidence_id:
        refs.append((follow_up.evidence_kind, follow_up.evidence_id))
    urls = record_item_urls(refs)
    sections = []
    for domain in Domain:
        grade = grades.get(domain.value)
        sections.append(
            DomainSection(
                label=domain.label,
                grade=grade_tag(grade.grade) if grade else None,
                narrative=grade.narrative if grade else "",
                evidence=[
                    (e.label, urls.get((e.record_kind, e.record_id), ""))
                    for e in (grade.evidence.all() if grade else [])
                ],
            )
        )
    return {
        "status": audit_status_tag(audit.status),
        "overall": grade_tag(audit.overall_grade),
        "sections": sections,
        "facts": [
            ("Cycle", audit.cycle.name),
            ("Team when sampled", audit.team.name if audit.team else "Not allocated"),
            ("Level of need when sampled", level_label(audit.level)),
            ("Social worker", _name(audit.worker)),
            ("Manager", _name(audit.manager)),
            ("Auditor", _name(audit.auditor)),
            ("Submitted", format_date(audit.audited_on)),
            ("Moderated by", _name(audit.moderator) if audit.moderator else "Not yet moderated"),
            ("Impact follow-up due", format_date(audit.follow_up_due_on)),
        ],
        "changes": [
            {
                "what": c.domain_label,
                "from": Grade(c.from_grade).label,
                "to": Grade(c.to_grade).label,
                "kind": c.get_kind_display(),
                "reason": c.reason,
                "by": _name(c.created_by),
                "on": format_date(c.created_at.date()),
            }
            for c in audit.grade_changes.all()
        ],
        "findings": [(f.theme.name, f.finding) for f in audit.findings.all()],
        "recommendations": recommendation_rows(recommendations, today),
        "follow_up": (
            {
                "answer": follow_up.get_answer_display(),
                "narrative": follow_up.narrative,
                "checked": format_date(follow_up.checked_on),
                "by": _name(follow_up.created_by),
                "evidence": follow_up.evidence_label,
                "evidence_url": urls.get((follow_up.evidence_kind, follow_up.evidence_id), ""),
            }
            if follow_up
            else None
        ),
    }


def recommendation_view(recommendation: Recommendation, today: dt.date) -> dict:
    r = recommendation
    url = (
        record_item_urls([(r.evidence_kind, r.evidence_id)]).get((r.evidence_kind, r.evidence_id))
        if r.evidence_id
        else ""
    )
    rows = [
        ("Child", r.child.full_name, ""),
        ("What needs to be done", r.action, ""),
        ("Owner", _name(r.owner), ""),
        ("Made on", format_date(r.made_on), ""),
        ("Due by", format_date(r.due_on), ""),
    ]
    if r.evidence_id:
        rows += [
            ("Evidence", r.evidence_label, url),
            ("Recorded by", f"{_name(r.completed_by)} on {format_date(r.completed_on)}", ""),
        ]
        if r.completion_note:
            rows.append(("What was done", r.completion_note, ""))
    if r.verified_on:
        rows.append(("Verified", f"By {_name(r.verified_by)} on {format_date(r.verified_on)}", ""))
    if r.returned_reason:
        rows.append(("Sent back because", r.returned_reason, ""))
    return {"tag": recommendation_tag(r, today), "rows": rows}


def audit_rows(audits, *, viewer=None) -> list[dict]:
    """Rows for a list of audits (cycle page, auditor's list, child's page); with `viewer`,
    restricted children they may not open are "Restricted record"."""
    audits = list(audits)
    rows = [
        {
            "pk": a.pk,
            "url": reverse("quality:audit_detail", args=[a.pk]),
            "child": a.child.full_name,
            "cycle": a.cycle.name,
            "team": a.team.name if a.team else "",
            "level": level_label(a.level),
            "worker": _name(a.worker) if a.worker_id else "Not allocated",
            "auditor": _name(a.auditor) if a.auditor_id else "",
            "auditor_id": a.auditor_id,
            "status": audit_status_tag(a.status),
            "overall": grade_tag(a.overall_grade),
            "to_allocate": a.status in (AuditStatus.TO_ALLOCATE, AuditStatus.ALLOCATED),
        }
        for a in audits
    ]
    if viewer is None:
        return rows
    from cairn.governance.presenters import mask_restricted_rows

    people = [a.child for a in audits]
    return mask_restricted_rows(user=viewer, people=people, rows=rows, name_fields=("child",))


def child_audits_section(audits, recommendations, today: dt.date) -> dict:
    """The child's page section: the child's audits and their open recommendations."""
    return {
        "audits": [
            {
                "url": reverse("quality:audit_detail", args=[a.pk]),
                "cycle": a.cycle.name,
                "status": audit_status_tag(a.status),
                "overall": grade_tag(a.overall_grade),
                "auditor": _name(a.auditor),
            }
            for a in audits
        ],
        "recommendations": recommendation_rows(recommendations, today),
    }


def child_audits_context(*, child, today: dt.date) -> dict:
    """The child's page section (one context key): their audits and open recommendations.
    Two queries."""
    audits, recommendations = child_audits_get(child=child)
    return child_audits_section(audits, recommendations, today)
