"""A run of a statutory return (ADR 0025): the CIN census or the Annex A workbook produced in
the background, with its progress, its file (in a private folder, never served statically) and,
for the census, the validation summary."""

from django.db import models

from cairn.core.models import RecordModel


class ReturnKind(models.TextChoices):
    CIN_CENSUS = "cin_census", "CIN census"
    ANNEX_A = "annex_a", "Annex A"


class RunStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class ReturnRun(RecordModel):
    kind = models.CharField(max_length=20, choices=ReturnKind.choices)
    reference_date = models.DateField()
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    processed = models.PositiveIntegerField(
        default=0, help_text="Children written (census) or lists written (Annex A) so far."
    )
    total = models.PositiveIntegerField(null=True, blank=True, help_text="Known once started.")
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    file_name = models.CharField(
        max_length=200, blank=True, help_text="The file's name in CAIRN_RETURNS_DIR."
    )
    errors = models.PositiveIntegerField(null=True, blank=True, help_text="Census only.")
    queries = models.PositiveIntegerField(null=True, blank=True, help_text="Census only.")
    findings = models.JSONField(
        default=list, blank=True, help_text="Census only: [{code, type, message, children}]."
    )
    error_message = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["-created_at"], name="returns_run_recent")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} as of {self.reference_date.isoformat()}"
