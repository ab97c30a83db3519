"""The front door: contacts, threshold decisions per child, referrals (= CIN episodes) and the
child's journey between levels of need (step-up and step-down)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from cairn.core.codelists import choices
from cairn.core.models import RecordModel


class ThresholdLevel(models.Model):
    """One level of the council's continuum of need (configurable; default 1-4)."""

    number = models.PositiveSmallIntegerField(unique=True)
    name = models.CharField(max_length=60)
    description = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


class Consent(models.TextChoices):
    GIVEN = "given", "Given"
    REFUSED = "refused", "Refused"
    NOT_SOUGHT = "not_sought", "Not sought: it would put the child at risk"
    NOT_RECORDED = "not_recorded", "Not recorded"


class NextStep(models.TextChoices):
    NFA = "nfa", "No further action"
    ADVICE = "advice", "Advice or signposting"
    EARLY_HELP = "early_help", "Early help"
    REFERRAL = "referral", "Referral to children's social care"
    STRATEGY = "strategy", "Strategy discussion"


class Contact(RecordModel):
    """An approach to children's social care about one or more children."""

    received_at = models.DateTimeField()
    source = models.CharField(max_length=3, choices=choices("referral_source"))
    referrer_name = models.CharField(max_length=120, blank=True)
    referrer_organisation = models.CharField(max_length=120, blank=True)
    referrer_role = models.CharField(max_length=120, blank=True)
    concerns = models.TextField()
    consent = models.CharField(max_length=20, choices=Consent.choices, default=Consent.NOT_RECORDED)
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="contacts")

    class Meta:
        indexes = [models.Index(fields=["received_at"])]

    def __str__(self) -> str:
        return f"Contact on {self.received_at:%d/%m/%Y}"


class ContactChild(RecordModel):
    """A child a contact is about, and the threshold decision for that child."""

    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="children")
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="contacts")
    threshold_level = models.ForeignKey(
        ThresholdLevel, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    rationale = models.TextField(blank=True)
    next_step = models.CharField(max_length=20, choices=NextStep.choices, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["contact", "child"],
                condition=Q(removed_at__isnull=True),
                name="contact_child_once",
            ),
            models.CheckConstraint(
                condition=Q(decided_at__isnull=True)
                | (Q(threshold_level__isnull=False) & ~Q(next_step="") & ~Q(rationale="")),
                name="decision_is_complete",
            ),
        ]
        indexes = [models.Index(fields=["decided_at"])]

    def __str__(self) -> str:
        return f"{self.child} in {self.contact}"


class Episode(RecordModel):
    """A referral to children's social care and the CIN episode it starts (to closure).

    At most one open episode per child. `is_re_referral` is fixed at referral: a referral within
    12 months of the previous one (DfE definition).
    """

    # No index of its own: the (child, referral_date) index serves lookups by child.
    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="episodes", db_index=False
    )
    contact_child = models.OneToOneField(
        ContactChild, on_delete=models.PROTECT, null=True, blank=True, related_name="episode"
    )
    referral_date = models.DateField()
    source = models.CharField(max_length=3, choices=choices("referral_source"))
    primary_need = models.CharField(max_length=2, choices=choices("primary_need"), blank=True)
    is_re_referral = models.BooleanField(default=False)
    referral_nfa = models.BooleanField(default=False)
    closed_on = models.DateField(null=True, blank=True)
    closure_reason = models.CharField(max_length=3, choices=choices("closure_reason"), blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["child", "referral_date"]),
            models.Index(fields=["closed_on"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["child"],
                condition=Q(closed_on__isnull=True, removed_at__isnull=True),
                name="one_open_episode_per_child",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("referral_date")),
                name="episode_closes_after_referral",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | ~Q(closure_reason=""),
                name="closed_episode_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"Referral on {self.referral_date:%d/%m/%Y}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


class Level(models.TextChoices):
    """Where a child sits on the journey through services."""

    NONE = "none", "No service"
    EARLY_HELP = "early_help", "Early help"
    CIN = "cin", "Child in need"
    CP = "cp", "Child protection"
    PRE_PROCEEDINGS = "pre_proceedings", "Pre-proceedings"
    LOOKED_AFTER = "looked_after", "Looked after"
    CLOSED = "closed", "Closed"


class LevelTransition(RecordModel):
    """A recorded step-up or step-down: date, from, to, reason and who decided."""

    # No index of its own: the (child, occurred_on) index serves lookups by child.
    child = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="level_transitions",
        db_index=False,
    )
    occurred_on = models.DateField()
    from_level = models.CharField(max_length=20, choices=Level.choices)
    to_level = models.CharField(max_length=20, choices=Level.choices)
    reason = models.TextField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["occurred_on", "id"]
        indexes = [models.Index(fields=["child", "occurred_on"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_level=F("to_level")), name="transition_changes_level"
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_from_level_display()} → {self.get_to_level_display()} on {self.occurred_on}"
        )
