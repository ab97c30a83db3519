"""Workforce and management oversight: staff records, who is responsible for a child
(allocations as history), absence and cover, supervision, case-level management oversight,
caseload weights and the establishment, and training."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from cairn.core.models import RecordModel


class Allocation(RecordModel):
    """One period of a child's allocation (the SSD involvement shape).

    A row with a team and no worker is the team's unallocated queue. The current allocation is
    the one with no end date; a change ends the current row and starts a new one with a reason.
    """

    # No index of its own: the (child, ended_on) index serves lookups by child.
    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="allocations", db_index=False
    )
    episode = models.ForeignKey(
        "frontdoor.Episode",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="allocations",
        help_text="The CIN episode this allocation is for, when there is one",
    )
    # No index of its own: the (team, ended_on) index serves lookups by team.
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.PROTECT, related_name="allocations", db_index=False
    )
    # No index of its own: the (worker, ended_on) index serves lookups by worker.
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="allocations",
        db_index=False,
    )
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["worker", "ended_on"]),
            models.Index(fields=["team", "ended_on"]),
            models.Index(fields=["child", "ended_on"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["child"],
                condition=Q(ended_on__isnull=True, removed_at__isnull=True),
                name="one_current_allocation_per_child",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="allocation_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        who = self.worker or "unallocated"
        return f"{self.child} → {self.team} ({who}) from {self.started_on}"


# ---------------------------------------------------------------------------------------------
# Staff


class StaffRecord(RecordModel):
    """The HR facts about a member of staff beyond their account (role, team, manager, FTE and
    agency are on the account). Access ends on `left_on` (accounts.backends)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="staff_record"
    )
    swe_number = models.CharField(
        "Social Work England registration number", max_length=12, blank=True
    )
    qualified_on = models.DateField(null=True, blank=True)
    started_on = models.DateField()
    left_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("started_on")),
                name="staff_leaves_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"Staff record of {self.user}"


class TeamEstablishment(RecordModel):
    """The established (funded) posts of a team from a date: vacancies = posts - filled FTE."""

    team = models.ForeignKey(
        "accounts.Team", on_delete=models.PROTECT, related_name="establishment"
    )
    from_on = models.DateField()
    posts_fte = models.DecimalField(max_digits=6, decimal_places=2)

    class Meta:
        ordering = ["team", "from_on"]

    def __str__(self) -> str:
        return f"{self.posts_fte} posts in {self.team} from {self.from_on}"


class TrainingRecord(RecordModel):
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="training"
    )
    course = models.CharField(max_length=200)
    completed_on = models.DateField()
    expires_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["staff", "-completed_on"]

    def __str__(self) -> str:
        return f"{self.course} ({self.completed_on})"


# ---------------------------------------------------------------------------------------------
# Caseloads


class CaseType(models.TextChoices):
    """What kind of case a child is for caseload weighting (from the child's open records)."""

    ASSESSMENT = "assessment", "Assessment"
    EARLY_HELP = "early_help", "Early help"
    CIN = "cin", "Child in need"
    CP = "cp", "Child protection"
    PRE_PROCEEDINGS = "pre_proceedings", "Pre-proceedings"
    LOOKED_AFTER = "looked_after", "Looked after"


class CaseloadWeight(RecordModel):
    """The council's weight for a case type (e.g. CP 1.5, pre-proceedings 2, CIN 1). One live
    row per case type; a change is an update with history."""

    case_type = models.CharField(max_length=20, choices=CaseType.choices)
    weight = models.DecimalField(max_digits=4, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case_type"],
                condition=Q(removed_at__isnull=True),
                name="one_weight_per_case_type",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_case_type_display()}: {self.weight}"


# ---------------------------------------------------------------------------------------------
# Absence and cover


class AbsenceKind(models.TextChoices):
    PLANNED = "planned", "Planned"
    UNPLANNED = "unplanned", "Unplanned"


class Absence(RecordModel):
    """A worker away from work. While absent with no cover set, each of their children shows
    `WORKER_ABSENT`."""

    # No index of its own: the (worker, starts_on) index serves lookups by worker.
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="absences",
        db_index=False,
    )
    kind = models.CharField(max_length=10, choices=AbsenceKind.choices)
    starts_on = models.DateField()
    expected_end_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True, help_text="The last day away")
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        indexes = [models.Index(fields=["worker", "starts_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(expected_end_on__isnull=True) | Q(expected_end_on__gte=F("starts_on")),
                name="absence_expected_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("starts_on")),
                name="absence_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} absence of {self.worker} from {self.starts_on}"


class Cover(RecordModel):
    """A cover worker "acting for" an absent worker from `starts_on` to `ends_on` inclusive: they
    see and work on the absent worker's children (or one child, when `child` is set)."""

    absence = models.ForeignKey(Absence, on_delete=models.PROTECT, related_name="covers")
    # No index of its own: the (cover_worker, starts_on, ends_on) index serves its lookups.
    cover_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="covers",
        db_index=False,
    )
    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    starts_on = models.DateField()
    ends_on = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["cover_worker", "starts_on", "ends_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="cover_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cover_worker} covering from {self.starts_on} to {self.ends_on}"


# ---------------------------------------------------------------------------------------------
# Supervision and case-level management oversight


class SupervisionKind(models.TextChoices):
    FORMAL = "formal", "Formal"
    REFLECTIVE = "reflective", "Reflective"
    GROUP = "group", "Group"


class SupervisionSession(RecordModel):
    # No index of its own: the (worker, held_on) index serves lookups by worker.
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="supervisions",
        db_index=False,
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="supervisions_given"
    )
    held_on = models.DateField()
    kind = models.CharField(max_length=20, choices=SupervisionKind.choices)
    notes = models.TextField(blank=True, help_text="Wellbeing, learning and development")

    class Meta:
        indexes = [models.Index(fields=["worker", "held_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} supervision of {self.worker} on {self.held_on}"


class SupervisionStandard(RecordModel):
    """How often a worker must be supervised (`SUPERVISION_DUE`): the council default (no team)
    or a team's own standard. Newly qualified workers in their assessed first year: weekly for
    the first `nq_weekly_weeks` weeks, then fortnightly until `nq_fortnightly_months` months."""

    team = models.ForeignKey(
        "accounts.Team",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supervision_standards",
    )
    interval_months = models.PositiveSmallIntegerField(default=1)
    nq_weekly_weeks = models.PositiveSmallIntegerField(default=6)
    nq_fortnightly_months = models.PositiveSmallIntegerField(default=6)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["team"],
                condition=Q(removed_at__isnull=True),
                name="one_supervision_standard_per_team",
            ),
        ]

    def __str__(self) -> str:
        return f"Supervision every {self.interval_months} month(s) ({self.team or 'council'})"


class OversightKind(models.TextChoices):
    SUPERVISION = "supervision", "Supervision discussion"
    DECISION = "decision", "Oversight decision"
    AUTHORISATION = "authorisation", "Authorisation"


class PlanDifference(models.TextChoices):
    YES = "yes", "Yes"
    PARTLY = "partly", "Partly"
    NO = "no", "No"


class OversightEntry(RecordModel):
    """Management oversight on a child's record (`CASE_OVERSIGHT_DUE`): the manager's
    reflection, decision and drift check. A supervision session writes one for each child
    discussed (`supervision_session`), so nothing is typed twice."""

    # No index of its own: the (child, recorded_on) index serves lookups by child.
    child = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="oversight_entries",
        db_index=False,
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="oversight_entries"
    )
    recorded_on = models.DateField()
    kind = models.CharField(max_length=20, choices=OversightKind.choices)
    reflection = models.TextField()
    decision = models.TextField(blank=True)
    plan_making_difference = models.CharField(
        "Is the plan making a difference?",
        max_length=10,
        choices=PlanDifference.choices,
        blank=True,
    )
    what_will_change = models.TextField(blank=True)
    supervision_session = models.ForeignKey(
        SupervisionSession,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="oversight_entries",
    )

    class Meta:
        verbose_name_plural = "oversight entries"
        indexes = [models.Index(fields=["child", "recorded_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["supervision_session", "child"],
                condition=Q(supervision_session__isnull=False, removed_at__isnull=True),
                name="one_oversight_entry_per_child_discussed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.recorded_on}"


class OversightActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"


class OversightAction(RecordModel):
    entry = models.ForeignKey(OversightEntry, on_delete=models.PROTECT, related_name="actions")
    what = models.TextField()
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField()
    status = models.CharField(
        max_length=10, choices=OversightActionStatus.choices, default=OversightActionStatus.OPEN
    )
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["entry", "due_on", "id"]

    def __str__(self) -> str:
        return self.what[:80]

    @property
    def child_id(self) -> int:
        """The child whose record the action is on: a refused press is logged against them
        (governance.refusals)."""
        return self.entry.child_id
