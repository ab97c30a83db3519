"""Case notes (drafted, then final and only appended to) and analysis added to the chronology."""

from django.conf import settings
from django.db import models

from cairn.core.models import RecordModel


class CaseNoteStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    FINAL = "final", "Final"


class CaseNote(RecordModel):
    # No index of its own: the (child, occurred_on) index serves lookups by child.
    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="case_notes", db_index=False
    )
    occurred_on = models.DateField()
    subject = models.CharField(max_length=200)
    text = models.TextField()
    is_significant = models.BooleanField(default=False)
    status = models.CharField(
        max_length=10, choices=CaseNoteStatus.choices, default=CaseNoteStatus.DRAFT
    )
    finalised_at = models.DateTimeField(null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        indexes = [models.Index(fields=["child", "occurred_on"])]

    def __str__(self) -> str:
        return self.subject


class CaseNoteAppendment(RecordModel):
    """Text added to a final case note; the note itself is never edited."""

    note = models.ForeignKey(CaseNote, on_delete=models.PROTECT, related_name="appendments")
    text = models.TextField()

    def __str__(self) -> str:
        return f"Appended to {self.note}"


class ChronologyAnalysis(RecordModel):
    """A worker's analysis of one chronology entry (an entry is a record: kind + id)."""

    # No index of its own: the (child, entry_kind, entry_id) index serves lookups by child.
    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    entry_kind = models.CharField(max_length=40)
    entry_id = models.PositiveBigIntegerField()
    analysis = models.TextField()

    class Meta:
        verbose_name_plural = "chronology analyses"
        indexes = [models.Index(fields=["child", "entry_kind", "entry_id"])]

    def __str__(self) -> str:
        return f"Analysis of {self.entry_kind} {self.entry_id}"
