"""Every write of a members' report: draft, edit, issue (ADR 0028). Attributed, audited and
version-checked through core.records; a report's scope decides who may write it."""

import hashlib
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from cairn.core.records import record_create, record_update
from cairn.insight.measures.base import COUNCIL, Scope
from cairn.insight.measures.periods import month_start
from cairn.insight.report.models import MembersReport, ReportDocument, ReportStatus
from cairn.insight.report.pdf import report_pdf_render
from cairn.insight.report.snapshot import scorecard_snapshot
from cairn.insight.report.workflows import MEMBERS_REPORT
from cairn.insight.selectors import scorecard

PERIOD_MONTHS = (6, 12, 24)
ISSUED_IS_FIXED = "An issued report cannot be changed: draft a new report"


def _require(actor, obj, message: str) -> None:
    if not actor.has_perm("insight.write_report", obj):
        raise PermissionDenied(message)


def _fields(*, title: str, scope: Scope, period_end: date, months: int, **narrative) -> dict:
    errors = {}
    if not title.strip():
        errors["title"] = "Enter a title for the report"
    if months not in PERIOD_MONTHS:
        errors["months"] = "Choose a period of 6, 12 or 24 months"
    if errors:
        raise ValidationError(errors)
    return {
        "title": title.strip(),
        "scope_kind": scope.kind,
        "scope_team_id": None if scope.kind == COUNCIL else scope.team_id,
        "period_end": month_start(period_end),
        "months": months,
        **{name: value.strip() for name, value in narrative.items()},
    }


@transaction.atomic
def report_create(
    *,
    actor,
    title: str,
    scope: Scope,
    period_end: date,
    months: int = 12,
    summary: str = "",
    strengths: str = "",
    areas_for_development: str = "",
) -> MembersReport:
    """A draft report for `scope` over `months` months ending with `period_end`'s month."""
    _require(actor, scope, "Only service managers and senior leaders can write reports")
    fields = _fields(
        title=title,
        scope=scope,
        period_end=period_end,
        months=months,
        summary=summary,
        strengths=strengths,
        areas_for_development=areas_for_development,
    )
    return record_create(model=MembersReport, actor=actor, **fields)


@transaction.atomic
def report_update(
    *,
    actor,
    report: MembersReport,
    expected_version: int,
    title: str,
    scope: Scope,
    period_end: date,
    months: int,
    summary: str,
    strengths: str,
    areas_for_development: str,
) -> MembersReport:
    """Change a draft's period, area or narrative; an issued report never changes."""
    _require(actor, report, "Only service managers and senior leaders can write reports")
    _require(actor, scope, "You cannot write a report for that area")
    if report.status != ReportStatus.DRAFT:
        raise ValidationError({"title": ISSUED_IS_FIXED})
    fields = _fields(
        title=title,
        scope=scope,
        period_end=period_end,
        months=months,
        summary=summary,
        strengths=strengths,
        areas_for_development=areas_for_development,
    )
    return record_update(instance=report, actor=actor, expected_version=expected_version, **fields)


@transaction.atomic
def report_issue(*, actor, report: MembersReport, expected_version: int) -> MembersReport:
    """Issue a draft: freeze its headline figures (JSON) and its PDF, which are what every
    reader sees from now on. The narrative must be complete."""
    _require(actor, report, "Only service managers and senior leaders can issue reports")
    MEMBERS_REPORT.check(report.status, ReportStatus.ISSUED)
    missing = {
        name: f"Enter the {label} before issuing the report"
        for name, label in (
            ("summary", "summary"),
            ("strengths", "strengths"),
            ("areas_for_development", "areas for development"),
        )
        if not getattr(report, name).strip()
    }
    if missing:
        raise ValidationError(missing)
    scope = Scope(report.scope_kind, report.scope_team_id)
    card = scorecard(scope=scope, months=report.months, end=report.period_end)
    figures = scorecard_snapshot(card)
    issued_at = timezone.now()
    pdf = report_pdf_render(
        report=report, snapshot=figures, issued_at=issued_at, issued_by=actor.get_full_name()
    )
    issued = record_update(
        instance=report,
        actor=actor,
        expected_version=expected_version,
        status=ReportStatus.ISSUED,
        issued_by=actor,
        issued_at=issued_at,
        figures=figures,
        pdf_sha256=hashlib.sha256(pdf).hexdigest(),
    )
    ReportDocument.objects.create(report=issued, pdf=pdf)
    return issued
