"""Plans (early help, CIN, CP): one model whatever the kind, versioned at each review.

A plan's content (outcomes, actions, contingency) belongs to a version; a review makes a new
version and the old ones stay. The current version is the latest authorised one.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from cairn.core.models import RecordModel


class PlanKind(models.TextChoices):
    EARLY_HELP = "early_help", "Early help plan"
    CIN = "cin", "Child in need plan"
    CP = "cp", "Child protection plan"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ACTIVE = "active", "Active"
    ENDED = "ended", "Ended"


class Plan(RecordModel):
    # No index of its own: the (child, kind, status) index serves lookups by child.
    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="plans", db_index=False
    )
    episode = models.ForeignKey(
        "frontdoor.Episode", on_delete=models.PROTECT, null=True, blank=True, related_name="plans"
    )
    kind = models.CharField(max_length=20, choices=PlanKind.choices)
    status = models.CharField(max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    started_on = models.DateField(
        null=True, blank=True, help_text="Set when the first version is authorised"
    )
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=200, blank=True)
    carried_from = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="carried_to",
        help_text="The plan this one carries over (step-up or step-down)",
    )

    class Meta:
        indexes = [models.Index(fields=["child", "kind", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="plan_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["child", "kind"],
                condition=Q(status__in=["draft", "active"], removed_at__isnull=True),
                name="one_open_plan_of_each_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.child}"


class PlanVersion(RecordModel):
    # No index of its own: the (plan, number) unique constraint serves lookups by plan.
    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, related_name="versions", db_index=False
    )
    number = models.PositiveSmallIntegerField()
    made_on = models.DateField()
    meeting = models.ForeignKey(
        "casework.Meeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The review that made this version",
    )
    authorised_on = models.DateField(null=True, blank=True)
    authorised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_number_once"),
        ]

    def __str__(self) -> str:
        return f"Version {self.number} of {self.plan}"


class MeasureSource(models.TextChoices):
    CHILD = "child", "Scale 0-10: the child"
    PARENT = "parent", "Scale 0-10: parent or carer"
    WORKER = "worker", "Scale 0-10: social worker"
    INDICATOR = "indicator", "An observable indicator"


class Outcome(RecordModel):
    """What will be different for the child, and how its impact is measured."""

    # Named plan_version, not version: RecordModel.version is the edit counter (version check).
    plan_version = models.ForeignKey(PlanVersion, on_delete=models.PROTECT, related_name="outcomes")
    position = models.PositiveSmallIntegerField(default=1)
    text = models.TextField(help_text="What will be different for the child")
    measure_source = models.CharField(max_length=20, choices=MeasureSource.choices, blank=True)
    indicator = models.CharField(max_length=300, blank=True)
    baseline = models.PositiveSmallIntegerField(null=True, blank=True)
    previous = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The same outcome in the version this one was copied from (ratings over time)",
    )

    class Meta:
        ordering = ["plan_version", "position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(baseline__isnull=True) | Q(baseline__lte=10), name="baseline_on_scale"
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class OutcomeRating(RecordModel):
    """A rating of progress on an outcome, usually at a review."""

    outcome = models.ForeignKey(Outcome, on_delete=models.PROTECT, related_name="ratings")
    rated_on = models.DateField()
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    indicator_met = models.BooleanField(null=True, blank=True)
    comment = models.TextField(blank=True)
    meeting = models.ForeignKey(
        "casework.Meeting", on_delete=models.PROTECT, null=True, blank=True, related_name="ratings"
    )

    class Meta:
        ordering = ["outcome", "rated_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__lte=10), name="rating_on_scale"
            ),
        ]

    def __str__(self) -> str:
        return f"Rating on {self.rated_on:%d/%m/%Y}"


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    NOT_DONE = "not_done", "Not done"


class Action(RecordModel):
    plan_version = models.ForeignKey(PlanVersion, on_delete=models.PROTECT, related_name="actions")
    what = models.TextField()
    who_person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    who_agency = models.CharField(max_length=120, blank=True)
    due_on = models.DateField()
    status = models.CharField(
        max_length=20, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )

    class Meta:
        ordering = ["plan_version", "due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(who_person__isnull=False) | ~Q(who_agency=""), name="action_has_owner"
            ),
        ]

    def __str__(self) -> str:
        return self.what[:80]


class FgcStatus(models.TextChoices):
    NOT_OFFERED = "not_offered", "Not offered"
    OFFERED = "offered", "Offered"
    HELD = "held", "Held"
    DECLINED = "declined", "Declined by the family"


class Contingency(RecordModel):
    """What would show the plan is not working, what then happens, who acts, and the family
    network considered. Complete only when every part is there (see `missing_parts`)."""

    plan_version = models.OneToOneField(
        PlanVersion, on_delete=models.PROTECT, related_name="contingency"
    )
    triggers = models.TextField(blank=True, help_text="What would show the plan is not working")
    response = models.TextField(blank=True, help_text="What will then happen")
    who_acts = models.CharField(max_length=200, blank=True)
    fgc_status = models.CharField(
        max_length=20, choices=FgcStatus.choices, default=FgcStatus.NOT_OFFERED
    )
    fgc_on = models.DateField(null=True, blank=True)
    fgc_reason = models.TextField(blank=True, help_text="Why not offered, or why declined")

    class Meta:
        verbose_name_plural = "contingencies"

    def __str__(self) -> str:
        return f"Contingency for {self.plan_version}"


class ContingencyNetworkMember(RecordModel):
    """A member of the family network considered for the contingency, and how."""

    contingency = models.ForeignKey(Contingency, on_delete=models.PROTECT, related_name="network")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    how_considered = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["contingency", "person"],
                condition=Q(removed_at__isnull=True),
                name="network_member_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} considered"
