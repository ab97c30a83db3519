"""The audit programme: cycles (monthly or thematic) and the sample each one audits."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from cairn.core.models import RecordModel


class CycleKind(models.TextChoices):
    MONTHLY = "monthly", "Monthly audit"
    THEMATIC = "thematic", "Thematic audit"


class AuditCycle(RecordModel):
    name = models.CharField(max_length=160)
    kind = models.CharField(max_length=10, choices=CycleKind.choices)
    theme = models.ForeignKey(
        "quality.Theme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cycles",
        help_text="The theme of a thematic audit (for example neglect)",
    )
    starts_on = models.DateField()
    ends_on = models.DateField()
    tool_version = models.ForeignKey(
        "quality.AuditToolVersion", on_delete=models.PROTECT, related_name="cycles"
    )

    class Meta:
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="cycle_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(kind="monthly") | Q(theme__isnull=False),
                name="thematic_cycle_has_theme",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class SampleMethod(models.TextChoices):
    RANDOM = "random", "Random"
    STRATIFIED = "stratified", "Stratified by team and level of need"


class AuditSample(RecordModel):
    """How a cycle's children were chosen, so anyone can draw the same sample again: the
    population rule (teams, levels, as-of date, exclusion window), the method, size and seed."""

    cycle = models.OneToOneField(AuditCycle, on_delete=models.PROTECT, related_name="sample")
    method = models.CharField(max_length=12, choices=SampleMethod.choices)
    size = models.PositiveSmallIntegerField()
    seed = models.PositiveIntegerField()
    as_of = models.DateField(help_text="The day the population of open cases was read")
    exclude_months = models.PositiveSmallIntegerField(
        help_text="Children audited in this many months before the as-of date are left out"
    )
    team_ids = models.JSONField(default=list, blank=True, help_text="Empty: every team")
    levels = models.JSONField(default=list, blank=True, help_text="Empty: every level of need")
    rule = models.TextField(help_text="The selection rule in words, as it was applied")
    population = models.PositiveIntegerField(help_text="Children eligible after exclusions")
    excluded = models.PositiveIntegerField(help_text="Children left out as recently audited")
    selected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return f"Sample for {self.cycle}"
