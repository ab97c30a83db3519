"""The audit tool: questions grouped by domain, in versions. A published version never changes;
a QA officer drafts the next version, changes its questions and publishes it (ADR 15)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from cairn.core.models import RecordModel
from cairn.quality.models.reference import Domain


class AuditTool(RecordModel):
    name = models.CharField(max_length=120, unique=True)

    def __str__(self) -> str:
        return self.name


class ToolVersionStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "In use"
    RETIRED = "retired", "Replaced"


class AuditToolVersion(RecordModel):
    # No index of its own: the (tool, number) unique constraint serves lookups by tool.
    tool = models.ForeignKey(
        AuditTool, on_delete=models.PROTECT, related_name="versions", db_index=False
    )
    number = models.PositiveSmallIntegerField()
    status = models.CharField(
        max_length=10, choices=ToolVersionStatus.choices, default=ToolVersionStatus.DRAFT
    )
    change_summary = models.TextField(blank=True, help_text="What changed from the last version")
    published_on = models.DateField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["tool", "number"]
        constraints = [
            models.UniqueConstraint(fields=["tool", "number"], name="tool_version_number_once"),
            models.UniqueConstraint(
                fields=["tool"],
                condition=Q(status="published"),
                name="one_published_version_per_tool",
            ),
            models.UniqueConstraint(
                fields=["tool"], condition=Q(status="draft"), name="one_draft_version_per_tool"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tool} version {self.number}"


class Question(RecordModel):
    tool_version = models.ForeignKey(
        AuditToolVersion, on_delete=models.PROTECT, related_name="questions"
    )
    domain = models.CharField(max_length=20, choices=Domain.choices)
    position = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=300)
    guidance = models.TextField(blank=True, help_text="What good looks like")

    class Meta:
        ordering = ["tool_version", "domain", "position"]

    def __str__(self) -> str:
        return self.text
