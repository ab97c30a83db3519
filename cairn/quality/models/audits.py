"""Case audits: one child's record graded by domain, with the evidence, the moderation and every
later grade change kept as rows, and themes tagged with findings."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from cairn.core.models import RecordModel
from cairn.quality.models.reference import Domain, Grade, RecordKind


class AuditStatus(models.TextChoices):
    TO_ALLOCATE = "to_allocate", "To allocate"
    ALLOCATED = "allocated", "Allocated"
    SUBMITTED = "submitted", "Awaiting moderation"
    MODERATED = "moderated", "Moderated"


class Theme(RecordModel):
    """A practice theme tagged across audits (for example "response to neglect")."""

    name = models.CharField(max_length=120, unique=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CaseAudit(RecordModel):
    """One child's audit in a cycle. The child's worker and manager (as allocated when the
    sample was drawn) take part: the audit is collaborative, and they are told of it."""

    cycle = models.ForeignKey("quality.AuditCycle", on_delete=models.PROTECT, related_name="audits")
    # No index of its own: the (child, audited_on) index serves lookups by child.
    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    level = models.CharField(max_length=20, help_text="Level of need when the sample was drawn")
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # No index of its own: the (auditor, status) index serves lookups by auditor.
    auditor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="case_audits",
        db_index=False,
    )
    status = models.CharField(
        max_length=12, choices=AuditStatus.choices, default=AuditStatus.TO_ALLOCATE
    )
    overall_grade = models.CharField(max_length=20, choices=Grade.choices, blank=True)
    summary = models.TextField(blank=True, help_text="The auditor's overall findings")
    practitioner_reflection = models.TextField(
        blank=True, help_text="What the worker and manager said in the collaborative audit"
    )
    family_feedback = models.TextField(blank=True, help_text="Optional: what the family said")
    audited_on = models.DateField(null=True, blank=True, help_text="Submitted for moderation")
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    moderated_on = models.DateField(null=True, blank=True)
    follow_up_due_on = models.DateField(
        null=True, blank=True, help_text="When to check whether the impact for the child is evident"
    )

    class Meta:
        ordering = ["cycle", "id"]
        indexes = [
            models.Index(fields=["child", "audited_on"]),
            models.Index(fields=["auditor", "status"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "child"],
                condition=Q(removed_at__isnull=True),
                name="child_audited_once_per_cycle",
            ),
            models.CheckConstraint(
                condition=Q(status="to_allocate") | Q(auditor__isnull=False),
                name="allocated_audit_has_auditor",
            ),
            models.CheckConstraint(
                condition=~Q(status="moderated") | Q(moderator__isnull=False),
                name="moderated_audit_has_moderator",
            ),
        ]

    def __str__(self) -> str:
        return f"Audit of {self.child} ({self.cycle})"


class DomainGrade(RecordModel):
    # No index of its own: the (audit, domain) unique constraint serves lookups by audit.
    audit = models.ForeignKey(
        CaseAudit, on_delete=models.PROTECT, related_name="grades", db_index=False
    )
    domain = models.CharField(max_length=20, choices=Domain.choices)
    grade = models.CharField(max_length=20, choices=Grade.choices)
    narrative = models.TextField()

    class Meta:
        ordering = ["audit", "domain"]
        constraints = [
            models.UniqueConstraint(fields=["audit", "domain"], name="one_grade_per_domain"),
        ]

    def __str__(self) -> str:
        return f"{self.get_domain_display()}: {self.get_grade_display()}"


class AuditEvidence(RecordModel):
    """A record item on the child's file that evidences a domain's grade (a typed reference:
    kind and id, with the label and date as they were when chosen)."""

    grade = models.ForeignKey(DomainGrade, on_delete=models.PROTECT, related_name="evidence")
    record_kind = models.CharField(max_length=20, choices=RecordKind.choices)
    record_id = models.PositiveBigIntegerField()
    label = models.CharField(max_length=200)
    record_date = models.DateField()

    class Meta:
        ordering = ["grade", "record_date", "id"]

    def __str__(self) -> str:
        return self.label


class GradeChangeKind(models.TextChoices):
    MODERATION = "moderation", "Moderation"
    AFTER_MODERATION = "after_moderation", "Recorded change after moderation"


class GradeChange(RecordModel):
    """One change to a grade by moderation or afterwards: append-only, with the reason.
    An empty domain is the overall grade."""

    audit = models.ForeignKey(CaseAudit, on_delete=models.PROTECT, related_name="grade_changes")
    kind = models.CharField(max_length=20, choices=GradeChangeKind.choices)
    domain = models.CharField(max_length=20, choices=Domain.choices, blank=True)
    from_grade = models.CharField(max_length=20, choices=Grade.choices)
    to_grade = models.CharField(max_length=20, choices=Grade.choices)
    reason = models.TextField()

    class Meta:
        ordering = ["audit", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.domain or 'overall'}: {self.from_grade} to {self.to_grade}"

    @property
    def domain_label(self) -> str:
        return Domain(self.domain).label if self.domain else "Overall grade"


class AuditFinding(RecordModel):
    """A theme tagged on an audit, with the finding that shows it (an example for analysis)."""

    audit = models.ForeignKey(CaseAudit, on_delete=models.PROTECT, related_name="findings")
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="findings")
    finding = models.TextField()

    class Meta:
        ordering = ["audit", "theme__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["audit", "theme"],
                condition=Q(removed_at__isnull=True),
                name="theme_once_per_audit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.theme} in {self.audit}"
