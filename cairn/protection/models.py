"""Child protection: what is its own around the shared meeting and plan shapes (casework).

A strategy discussion, conference or core group is a `casework.Meeting` (attendance,
participation, actions, addenda written once); a CP plan is a `casework.Plan` of kind CP
(outcomes, actions, contingency, versions written once). This app adds the S47 enquiry, the
conference's outcome and category, the plan's category history and core group members, and the
chair's oversight between conferences (midpoint reviews, practice alerts and their stages).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from cairn.core.codelists import choices
from cairn.core.models import RecordModel

# ---------------------------------------------------------------------------------------------
# Strategy discussions and S47 enquiries


class StrategyDecision(models.TextChoices):
    SINGLE_AGENCY_S47 = "single_agency_s47", "Single-agency S47 enquiry"
    JOINT_S47 = "joint_s47", "Joint-agency S47 enquiry (with the police)"
    NFA = "nfa", "No further action"
    OTHER = "other", "Other"


S47_DECISIONS = frozenset({StrategyDecision.SINGLE_AGENCY_S47, StrategyDecision.JOINT_S47})


class StrategyDiscussion(RecordModel):
    """What a strategy discussion (a Meeting of kind `strategy`) shared and decided."""

    meeting = models.OneToOneField(
        "casework.Meeting", on_delete=models.PROTECT, related_name="strategy"
    )
    information_shared = models.TextField()
    decision = models.CharField(max_length=30, choices=StrategyDecision.choices)
    decision_note = models.TextField(blank=True, help_text="Why, and what 'other' means here")

    def __str__(self) -> str:
        return f"Strategy discussion: {self.get_decision_display()}"


class S47Outcome(models.TextChoices):
    SUBSTANTIATED = "substantiated", "Concerns substantiated"
    NOT_SUBSTANTIATED = "not_substantiated", "Concerns not substantiated"


class S47Enquiry(RecordModel):
    """A section 47 enquiry for one child. It starts at the strategy discussion that initiated
    it (Working Together: the ICPC is due within 15 working days of that discussion).

    `icpc_needed` False with a reason is the census's "ICPC not required".
    """

    # No index of its own: the (child, started_on) index serves lookups by child.
    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="s47s", db_index=False
    )
    episode = models.ForeignKey(
        "frontdoor.Episode", on_delete=models.PROTECT, related_name="s47_enquiries"
    )
    strategy_discussion = models.ForeignKey(
        "casework.Meeting", on_delete=models.PROTECT, related_name="s47_enquiries"
    )
    started_on = models.DateField(help_text="The date of the strategy discussion")
    lead_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    child_seen_on = models.DateField(null=True, blank=True)
    findings = models.TextField(blank=True)
    outcome = models.CharField(max_length=20, choices=S47Outcome.choices, blank=True)
    icpc_needed = models.BooleanField(null=True, blank=True)
    icpc_not_needed_reason = models.TextField(blank=True)
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = "S47 enquiry"
        verbose_name_plural = "S47 enquiries"
        indexes = [models.Index(fields=["child", "started_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="s47_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(icpc_needed=False) | ~Q(icpc_not_needed_reason=""),
                name="icpc_not_needed_has_reason",
            ),
            models.UniqueConstraint(
                fields=["child", "strategy_discussion"],
                condition=Q(removed_at__isnull=True),
                name="one_s47_per_child_per_strategy_discussion",
            ),
        ]

    def __str__(self) -> str:
        return f"S47 enquiry from {self.started_on:%d/%m/%Y}"


# ---------------------------------------------------------------------------------------------
# Conferences (ICPC and review) and CP plans


class ConferenceOutcome(models.TextChoices):
    CP_PLAN = "cp_plan", "Child protection plan"
    NO_PLAN = "no_plan", "No child protection plan"
    CONTINUE = "continue", "Continue the child protection plan"
    END_TO_CIN = "end_to_cin", "End the plan: step down to a child in need plan"
    END_TO_EARLY_HELP = "end_to_early_help", "End the plan: step down to early help"
    END_CLOSE = "end_close", "End the plan and close"


ICPC_OUTCOMES = frozenset({ConferenceOutcome.CP_PLAN, ConferenceOutcome.NO_PLAN})
REVIEW_OUTCOMES = frozenset(set(ConferenceOutcome) - ICPC_OUTCOMES)


class ConferenceDetail(RecordModel):
    """What is the conference's own: an ICPC or review conference (a Meeting of kind icpc or
    rcpc). Quoracy is derived from the meeting's attendance, never typed."""

    meeting = models.OneToOneField(
        "casework.Meeting", on_delete=models.PROTECT, related_name="conference"
    )
    # No index of its own: the (child, outcome) index serves lookups by child.
    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="conferences", db_index=False
    )
    s47 = models.ForeignKey(
        S47Enquiry,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="conferences",
        help_text="The S47 enquiry an ICPC follows (none for a transfer-in)",
    )
    outcome = models.CharField(max_length=30, choices=ConferenceOutcome.choices, blank=True)
    category = models.CharField(
        max_length=3,
        choices=choices("category_of_abuse"),
        blank=True,
        help_text="The category decided at this conference (initial, or a change at review)",
    )
    transfer_in = models.BooleanField(default=False)
    pre_birth = models.BooleanField(default=False)
    refer_legal_planning = models.BooleanField(
        default=False, help_text="The conference asks for a legal planning meeting"
    )

    class Meta:
        indexes = [models.Index(fields=["child", "outcome"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome="cp_plan") | ~Q(category=""),
                name="cp_plan_outcome_needs_category",
            ),
        ]

    def __str__(self) -> str:
        return f"Conference detail for {self.meeting}"


class CPCategory(RecordModel):
    """A category of abuse for a CP plan from a date: the first row is the initial category,
    the latest row the latest category (categories change at review conferences)."""

    plan = models.ForeignKey("casework.Plan", on_delete=models.PROTECT, related_name="categories")
    category = models.CharField(max_length=3, choices=choices("category_of_abuse"))
    from_on = models.DateField()
    meeting = models.ForeignKey(
        "casework.Meeting", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "CP category"
        verbose_name_plural = "CP categories"
        ordering = ["plan", "from_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_category_display()} from {self.from_on:%d/%m/%Y}"


class CoreGroupMember(RecordModel):
    """A member of a CP plan's core group (named at the ICPC)."""

    plan = models.ForeignKey(
        "casework.Plan", on_delete=models.PROTECT, related_name="core_group_members"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    name = models.CharField(max_length=120, blank=True)
    agency = models.CharField(max_length=120, blank=True)
    role = models.CharField(max_length=120, blank=True)
    joined_on = models.DateField()
    left_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(name=""), name="core_group_member_is_named"
            ),
        ]

    def __str__(self) -> str:
        return self.name or str(self.person)


# ---------------------------------------------------------------------------------------------
# The chair's oversight between conferences


class ProgressRating(models.TextChoices):
    GOOD = "good", "Good progress"
    SOME = "some", "Some progress"
    NONE = "none", "No progress"
    WORSE = "worse", "Risks have increased"


class MidpointReview(RecordModel):
    """The chair's review of progress between conferences (`MIDPOINT_REVIEW_DUE`)."""

    # No index of its own: the (plan, reviewed_on) index serves lookups by plan.
    plan = models.ForeignKey(
        "casework.Plan",
        on_delete=models.PROTECT,
        related_name="midpoint_reviews",
        db_index=False,
    )
    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="midpoint_reviews"
    )
    chair = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reviewed_on = models.DateField()
    progress = models.CharField(max_length=10, choices=ProgressRating.choices)
    concerns = models.TextField(blank=True)
    actions = models.TextField(blank=True)
    alert_raised = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["plan", "reviewed_on"])]

    def __str__(self) -> str:
        return f"Midpoint review on {self.reviewed_on:%d/%m/%Y}"


class AlertConcern(models.TextChoices):
    DRIFT = "drift", "Drift or delay"
    VISITS_MISSED = "visits_missed", "Visits missed"
    CORE_GROUPS_NOT_HELD = "core_groups_not_held", "Core groups not held"
    PLAN_NOT_PROGRESSING = "plan_not_progressing", "Plan not progressing"
    OTHER = "other", "Other"


class EscalationStage(models.IntegerChoices):
    TEAM_MANAGER = 1, "Team manager"
    SERVICE_MANAGER = 2, "Service manager"
    HEAD_OF_SERVICE = 3, "Head of service"


class PracticeAlertStatus(models.TextChoices):
    OPEN = "open", "Open"
    RESOLVED = "resolved", "Resolved"


class PracticeAlert(RecordModel):
    """A chair's challenge on a child's case, raised to a named manager. Its stages are rows
    (PracticeAlertStage); `stage` is the current one. Unanswered stages move up."""

    # No index of its own: the (child, status) index serves lookups by child.
    child = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="practice_alerts",
        db_index=False,
    )
    plan = models.ForeignKey(
        "casework.Plan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="practice_alerts",
    )
    midpoint_review = models.ForeignKey(
        MidpointReview,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="practice_alerts",
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    raised_on = models.DateField()
    concern = models.CharField(max_length=30, choices=AlertConcern.choices)
    concern_detail = models.TextField()
    stage = models.PositiveSmallIntegerField(
        choices=EscalationStage.choices, default=EscalationStage.TEAM_MANAGER
    )
    status = models.CharField(
        max_length=10, choices=PracticeAlertStatus.choices, default=PracticeAlertStatus.OPEN
    )
    resolved_on = models.DateField(null=True, blank=True)
    resolution = models.TextField(blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["child", "status"]),
            models.Index(fields=["status", "raised_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="resolved") | Q(resolved_on__isnull=False),
                name="resolved_alert_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"Practice alert ({self.get_concern_display()}) raised {self.raised_on:%d/%m/%Y}"


class PracticeAlertStage(RecordModel):
    """One escalation stage of a practice alert: to whom, by when, and their response."""

    alert = models.ForeignKey(PracticeAlert, on_delete=models.PROTECT, related_name="stages")
    stage = models.PositiveSmallIntegerField(choices=EscalationStage.choices)
    # No index of its own: the (recipient, responded_on) index serves lookups by recipient.
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="practice_alert_stages",
        db_index=False,
    )
    started_on = models.DateField()
    response_due_on = models.DateField()
    responded_on = models.DateField(null=True, blank=True)
    response = models.TextField(blank=True)
    agreed_actions = models.TextField(blank=True)
    escalated_on = models.DateField(
        null=True, blank=True, help_text="When this stage moved up unanswered or unresolved"
    )

    class Meta:
        ordering = ["alert", "stage"]
        indexes = [models.Index(fields=["recipient", "responded_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["alert", "stage"],
                condition=Q(removed_at__isnull=True),
                name="practice_alert_stage_once",
            ),
            models.CheckConstraint(
                condition=Q(response_due_on__gte=F("started_on")),
                name="alert_response_due_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} stage of {self.alert}"
