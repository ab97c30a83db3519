"""Recommendations for a child, tracked until they make a difference: the action, its owner and
due date; completion with evidence (a record made after the audit) verified by the auditor; and
the follow-up check of whether the impact for the child is evident."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from cairn.core.models import RecordModel
from cairn.quality.models.reference import RecordKind


class RecommendationStatus(models.TextChoices):
    OPEN = "open", "Open"
    AWAITING_VERIFICATION = "awaiting_verification", "Done, awaiting verification"
    VERIFIED = "verified", "Completed and verified"


class Recommendation(RecordModel):
    audit = models.ForeignKey(
        "quality.CaseAudit", on_delete=models.PROTECT, related_name="recommendations"
    )
    # No index of its own: the (child, status) index serves lookups by child.
    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    theme = models.ForeignKey(
        "quality.Theme", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    action = models.TextField()
    # No index of its own: the (owner, status) index serves lookups by owner.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    made_on = models.DateField()
    due_on = models.DateField()
    status = models.CharField(
        max_length=24, choices=RecommendationStatus.choices, default=RecommendationStatus.OPEN
    )
    # Evidence of completion: a typed reference to a record made after the audit.
    evidence_kind = models.CharField(max_length=20, choices=RecordKind.choices, blank=True)
    evidence_id = models.PositiveBigIntegerField(null=True, blank=True)
    evidence_label = models.CharField(max_length=200, blank=True)
    evidence_date = models.DateField(null=True, blank=True)
    completion_note = models.TextField(blank=True)
    completed_on = models.DateField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    verified_on = models.DateField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    returned_reason = models.TextField(blank=True, help_text="Why the auditor sent it back")

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["child", "status"]),
            models.Index(fields=["owner", "status"]),
            models.Index(fields=["status", "due_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open")
                | (
                    Q(evidence_id__isnull=False)
                    & ~Q(evidence_kind="")
                    & Q(completed_on__isnull=False)
                ),
                name="done_recommendation_has_evidence",
            ),
            models.CheckConstraint(
                condition=~Q(status="verified") | Q(verified_on__isnull=False),
                name="verified_recommendation_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.action[:80]


class ImpactAnswer(models.TextChoices):
    YES = "yes", "Yes"
    PARTLY = "partly", "Partly"
    NO = "no", "No"


class ImpactFollowUp(RecordModel):
    """The check, some weeks after the audit: is the impact for the child evident?"""

    audit = models.OneToOneField(
        "quality.CaseAudit", on_delete=models.PROTECT, related_name="follow_up"
    )
    checked_on = models.DateField()
    answer = models.CharField(max_length=10, choices=ImpactAnswer.choices)
    narrative = models.TextField()
    evidence_kind = models.CharField(max_length=20, choices=RecordKind.choices, blank=True)
    evidence_id = models.PositiveBigIntegerField(null=True, blank=True)
    evidence_label = models.CharField(max_length=200, blank=True)
    evidence_date = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Impact follow-up for {self.audit}: {self.get_answer_display()}"
