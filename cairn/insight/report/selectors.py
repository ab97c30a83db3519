"""Reads of members' reports, scoped to the user (ADR 0028)."""

from django.db.models import QuerySet

from cairn.insight.report.models import MembersReport, ReportDocument


def report_list_for(*, user) -> list[MembersReport]:
    """The reports whose area the user may see, newest period first.

    Reports are few (a handful a quarter), so the area check runs on the rows read."""
    rows: QuerySet[MembersReport] = MembersReport.objects.select_related("scope_team", "issued_by")
    return [r for r in rows if user.has_perm("insight.view_reports", r)]


def report_get(*, pk: int) -> MembersReport | None:
    return MembersReport.objects.select_related("scope_team", "issued_by").filter(pk=pk).first()


def report_pdf(*, report: MembersReport) -> bytes | None:
    """The issued PDF, exactly as it was issued (never regenerated)."""
    document = ReportDocument.objects.filter(report=report).only("pdf").first()
    return bytes(document.pdf) if document else None
