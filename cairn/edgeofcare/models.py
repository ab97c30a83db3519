"""Edge-of-care records (issue 5, ADR 0018): a referral to the edge-of-care service, the
service's decision, the intervention (worker, goals, sessions) and its outcome at the end.

The outcomes 6 and 12 months after the end are not stored: they are read from the child's
looked-after periods (`legal.LookedAfterPeriod`), see selectors/outcomes.py.
"""

from django.db import models
from django.db.models import F, Q

from cairn.core.models import RecordModel


class RiskOfCare(models.TextChoices):
    """How close the child is to entering care without the service, as the referrer judges it."""

    IMMINENT = "imminent", "Imminent (within weeks)"
    HIGH = "high", "High (within months)"
    MODERATE = "moderate", "Moderate"


class ReferralStatus(models.TextChoices):
    AWAITING_DECISION = "awaiting_decision", "Awaiting decision"
    DECLINED = "declined", "Declined"
    ACCEPTED = "accepted", "Accepted"
    IN_INTERVENTION = "in_intervention", "Intervention under way"
    ENDED = "ended", "Intervention ended"


class ReferralDecision(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class EdgeOfCareReferral(RecordModel):
    """A referral of a child at risk of entering care to the edge-of-care service.

    `team` is the referring team (the child's allocated team on the day, else the referrer's),
    which the service report groups by."""

    # No index of its own: the (child, referred_on) index serves lookups by child.
    child = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="edge_of_care_referrals",
        db_index=False,
    )
    referred_on = models.DateField()
    referrer = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    risk_of_care = models.CharField(max_length=10, choices=RiskOfCare.choices)
    status = models.CharField(
        max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.AWAITING_DECISION
    )
    decision = models.CharField(max_length=10, choices=ReferralDecision.choices, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decision_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-referred_on", "-id"]
        indexes = [
            models.Index(fields=["child", "referred_on"]),
            models.Index(fields=["status", "referred_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(decision="", decided_on__isnull=True)
                    | (~Q(decision="") & Q(decided_on__isnull=False))
                ),
                name="eoc_decision_has_date",
            ),
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True) | Q(decided_on__gte=F("referred_on")),
                name="eoc_decided_after_referral",
            ),
            models.UniqueConstraint(
                fields=["child"],
                condition=Q(status="awaiting_decision", removed_at__isnull=True),
                name="eoc_one_undecided_referral_per_child",
            ),
        ]

    def __str__(self) -> str:
        return f"Edge-of-care referral of {self.referred_on:%d/%m/%Y}"


class InterventionOutcome(models.TextChoices):
    REMAINED_AT_HOME = "remained_at_home", "Remained at home"
    LOOKED_AFTER = "looked_after", "Became looked after"
    OTHER = "other", "Other"


class Intervention(RecordModel):
    """The edge-of-care intervention for an accepted referral: who does it, its goals, from
    when to when, and the outcome at the end."""

    referral = models.OneToOneField(
        EdgeOfCareReferral, on_delete=models.PROTECT, related_name="intervention"
    )
    worker = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField()
    goals = models.TextField()
    ended_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=InterventionOutcome.choices, blank=True)
    outcome_other = models.TextField(blank=True, help_text="What 'other' means here")

    class Meta:
        indexes = [models.Index(fields=["ended_on", "outcome"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="eoc_intervention_ends_after_start",
            ),
            models.CheckConstraint(
                condition=(
                    Q(ended_on__isnull=True, outcome="")
                    | (Q(ended_on__isnull=False) & ~Q(outcome=""))
                ),
                name="eoc_outcome_when_ended",
            ),
            models.CheckConstraint(
                condition=~Q(outcome="other") | ~Q(outcome_other=""),
                name="eoc_other_outcome_explained",
            ),
        ]

    def __str__(self) -> str:
        return f"Edge-of-care intervention from {self.started_on:%d/%m/%Y}"


class SessionKind(models.TextChoices):
    HOME_VISIT = "home_visit", "Home visit"
    FAMILY = "family", "Family session"
    CHILD = "child", "Session with the child"
    PARENTS = "parents", "Session with parents or carers"
    THERAPY = "therapy", "Specialist therapy"
    OTHER = "other", "Other"


class InterventionSession(RecordModel):
    """One session of the intervention (the sessions log)."""

    intervention = models.ForeignKey(
        Intervention, on_delete=models.PROTECT, related_name="sessions"
    )
    held_on = models.DateField()
    kind = models.CharField(max_length=12, choices=SessionKind.choices)
    note = models.TextField()

    class Meta:
        ordering = ["intervention", "held_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.held_on:%d/%m/%Y}"
