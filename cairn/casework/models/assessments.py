"""Single assessments (s17/s47) and the significant events that call for an updated one."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from cairn.core.codelists import choices
from cairn.core.models import RecordModel


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", "In progress"
    SUBMITTED = "submitted", "Submitted for authorisation"
    RETURNED = "returned", "Returned for more work"
    AUTHORISED = "authorised", "Authorised"


class AssessmentOutcome(models.TextChoices):
    NFA = "nfa", "No further action"
    CIN_PLAN = "cin_plan", "Child in need plan"
    STRATEGY = "strategy", "Strategy discussion / section 47 enquiry"
    EARLY_HELP = "early_help", "Early help"
    OTHER = "other", "Other"


class SignificantEventType(models.TextChoices):
    NEW_ADULT = "new_adult", "New adult in the household"
    INCIDENT = "incident", "Incident"
    EXCLUSION = "exclusion", "School exclusion"
    HOSPITAL = "hospital", "Hospital attendance"
    MISSING = "missing", "Missing episode"
    DISCLOSURE = "disclosure", "Disclosure"
    OTHER = "other", "Other"


class SignificantEvent(RecordModel):
    """A significant change in the child's circumstances (drives ASSESSMENT_UPDATE_DUE)."""

    # No index of its own: the (child, occurred_on) index serves lookups by child.
    child = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="significant_events",
        db_index=False,
    )
    occurred_on = models.DateField()
    type = models.CharField(max_length=20, choices=SignificantEventType.choices)
    description = models.TextField()

    class Meta:
        indexes = [models.Index(fields=["child", "occurred_on"])]

    def __str__(self) -> str:
        return f"{self.get_type_display()} on {self.occurred_on:%d/%m/%Y}"


class Assessment(RecordModel):
    """A single assessment within a CIN episode. Authorisation completes it (the 45 WD measure)."""

    episode = models.ForeignKey(
        "frontdoor.Episode", on_delete=models.PROTECT, related_name="assessments"
    )
    # No index of its own: the (child, started_on) index serves lookups by child.
    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="assessments", db_index=False
    )
    status = models.CharField(
        max_length=20, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    started_on = models.DateField()
    child_seen_on = models.DateField(null=True, blank=True)
    target_date = models.DateField(
        help_text="Referral + 45 working days unless a manager set a shorter target"
    )
    family_history = models.TextField(blank=True, help_text="Family history and chronology summary")
    lived_experience = models.TextField(blank=True)
    strengths = models.TextField(blank=True)
    risks = models.TextField(blank=True)
    analysis = models.TextField(blank=True)
    outcome = models.CharField(max_length=20, choices=AssessmentOutcome.choices, blank=True)
    authorised_on = models.DateField(null=True, blank=True)
    authorised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    previous = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="updates",
        help_text="The assessment this one updates",
    )
    prompted_by = models.ForeignKey(
        SignificantEvent,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assessments",
    )

    class Meta:
        indexes = [
            models.Index(fields=["child", "started_on"]),
            models.Index(fields=["status", "target_date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(authorised_on__isnull=True) | Q(authorised_on__gte=F("started_on")),
                name="assessment_authorised_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(status="authorised")
                | (Q(authorised_on__isnull=False) & ~Q(outcome="")),
                name="authorised_assessment_has_date_and_outcome",
            ),
        ]

    def __str__(self) -> str:
        return f"Assessment started {self.started_on:%d/%m/%Y}"


class AssessmentStatusChange(models.Model):
    """Append-only workflow history: who moved the assessment from what to what, and why."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, related_name="status_changes"
    )
    from_status = models.CharField(max_length=20, choices=AssessmentStatus.choices)
    to_status = models.CharField(max_length=20, choices=AssessmentStatus.choices)
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class IdentityAspect(models.TextChoices):
    ETHNICITY = "ethnicity", "Ethnicity"
    CULTURE = "culture", "Culture"
    RELIGION = "religion", "Religion or belief"
    LANGUAGE = "language", "Language and communication"
    DISABILITY = "disability", "Disability"
    SEX_GENDER = "sex_gender", "Sex and gender identity"
    SEXUALITY = "sexuality", "Sexuality"


class AssessmentIdentity(RecordModel):
    """One aspect of the child's identity: what the assessment found, or why it is not relevant."""

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="identity")
    aspect = models.CharField(max_length=20, choices=IdentityAspect.choices)
    content = models.TextField(blank=True)
    not_relevant_reason = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = "assessment identity aspects"
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "aspect"],
                condition=Q(removed_at__isnull=True),
                name="identity_aspect_once",
            ),
        ]

    def __str__(self) -> str:
        return self.get_aspect_display()

    @property
    def is_complete(self) -> bool:
        return bool(self.content.strip() or self.not_relevant_reason.strip())


class ViewHolder(models.TextChoices):
    CHILD = "child", "The child"
    PARENT_CARER = "parent_carer", "A parent or carer"
    PROFESSIONAL = "professional", "A professional"


class AssessmentView(RecordModel):
    """The view of the child, a parent or carer, or a professional consulted (who, how)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="views")
    holder = models.CharField(max_length=20, choices=ViewHolder.choices)
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    professional_name = models.CharField(max_length=120, blank=True)
    agency = models.CharField(max_length=120, blank=True)
    how_obtained = models.CharField(max_length=200)
    content = models.TextField()

    def __str__(self) -> str:
        return f"View of {self.get_holder_display().lower()}"


class AssessmentFactor(RecordModel):
    """A factor identified at assessment (CIN census AssessmentFactors code)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="factors")
    code = models.CharField(max_length=3, choices=choices("assessment_factor"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "code"],
                condition=Q(removed_at__isnull=True),
                name="assessment_factor_once",
            ),
        ]

    def __str__(self) -> str:
        return self.code
