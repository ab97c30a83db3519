"""The report for elected members and leaders (ADR 0028).

A service manager drafts the narrative; issuing freezes what the readers see: the headline
figures as JSON (``MembersReport.figures``) and the PDF bytes (``ReportDocument``). Nothing on an
issued report is ever recomputed from the live record.
"""

from django.conf import settings
from django.db import models

from cairn.core.models import RecordModel


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ISSUED = "issued", "Issued"


class MembersReport(RecordModel):
    """One report: a period (``months`` months ending with ``period_end``'s month) for one
    scope (the council, a service area or a team), with the narrative a manager writes."""

    title = models.CharField(max_length=200)
    scope_kind = models.CharField(max_length=10, default="council")
    scope_team = models.ForeignKey(
        "accounts.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    period_end = models.DateField(help_text="First day of the period's last month")
    months = models.PositiveSmallIntegerField(default=12)
    summary = models.TextField(blank=True)
    strengths = models.TextField(blank=True)
    areas_for_development = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    issued_at = models.DateTimeField(null=True, blank=True)
    # The headline figures as issued (JSON-safe: values as strings), never recomputed.
    figures = models.JSONField(default=dict, blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-period_end", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(scope_kind="council", scope_team__isnull=True)
                | (
                    models.Q(scope_kind__in=["service", "team"])
                    & models.Q(scope_team__isnull=False)
                ),
                name="insight_report_scope_has_team_unless_council",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ReportDocument(models.Model):
    """The issued report's PDF, written once when the report is issued.

    Kept apart from the report so the audit trail (which copies the report's fields) holds the
    PDF's checksum, not its bytes."""

    report = models.OneToOneField(MembersReport, on_delete=models.PROTECT, related_name="document")
    pdf = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"PDF of {self.report}"
