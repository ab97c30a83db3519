"""Legal records (issue 5, ADR 0017): what is the legal area's own around the shared Meeting.

A legal planning meeting and the pre-proceedings meetings with parents are `casework.Meeting`
rows (kinds legal_planning, pp_initial, pp_review; attendees via Attendance, children via
MeetingChild). This app adds the legal gateway's decision, the pre-proceedings period (shared by
siblings), care proceedings (hearings, interim orders, extensions, final order per child) and a
minimal looked-after period. Every item of the CIN census `PreProceedingsandFGDM` block and of
the SSD `ssd_pre_proceedings` table is derived from these (returns_mapping.py).
"""

from django.db import models
from django.db.models import F, Q

from cairn.core.codelists import choices
from cairn.core.models import RecordModel


class LegalDecision(models.TextChoices):
    """The legal gateway's decision (SSD prep_legal_gateway_outcome A, B, C; D for other)."""

    CONTINUE = "continue", "Continue the current plan"
    START_PRE_PROCEEDINGS = "start_pre_proceedings", "Start pre-proceedings"
    ISSUE_PROCEEDINGS = "issue_proceedings", "Issue care proceedings"
    OTHER = "other", "Other"


class RequestedFrom(models.TextChoices):
    CONFERENCE = "conference", "A child protection review conference"
    PRACTICE_ALERT = "practice_alert", "A chair's practice alert"
    MANAGER = "manager", "A manager"


class LegalPlanningDetail(RecordModel):
    """The legal gateway's own part of a legal planning meeting: the concerns, the decision
    and why, and what asked for the meeting (a review conference, a chair's practice alert or a
    manager)."""

    meeting = models.OneToOneField(
        "casework.Meeting", on_delete=models.PROTECT, related_name="legal_planning"
    )
    concerns = models.TextField()
    decision = models.CharField(max_length=30, choices=LegalDecision.choices)
    decision_other = models.TextField(blank=True, help_text="What 'other' means here")
    rationale = models.TextField()
    requested_from = models.CharField(max_length=20, choices=RequestedFrom.choices)
    conference = models.ForeignKey(
        "protection.ConferenceDetail",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="legal_planning",
    )
    practice_alert = models.ForeignKey(
        "protection.PracticeAlert",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="legal_planning",
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(requested_from="conference") | Q(conference__isnull=True),
                name="lpm_conference_only_when_requested_by_one",
            ),
            models.CheckConstraint(
                condition=Q(requested_from="practice_alert") | Q(practice_alert__isnull=True),
                name="lpm_alert_only_when_requested_by_one",
            ),
            models.CheckConstraint(
                condition=~Q(decision="other") | ~Q(decision_other=""),
                name="lpm_other_decision_explained",
            ),
        ]

    def __str__(self) -> str:
        return f"Legal planning: {self.get_decision_display()}"


class LegalRepresentation(models.TextChoices):
    """Whether the parents had legal representation (SSD Y/N/unknown)."""

    YES = "Y", "Yes"
    NO = "N", "No"
    UNKNOWN = "U", "Not known"


class PreProceedingsOutcome(models.TextChoices):
    """The step decision that ends pre-proceedings (census PPOutcome, codes unverified)."""

    STEP_DOWN = "step_down", "Step down"
    ISSUE = "issue", "Issue care proceedings"


class StepDownTo(models.TextChoices):
    """The level a child steps down to (frontdoor.Level values)."""

    CP = "cp", "Child protection"
    CIN = "cin", "Child in need"


class PreProceedings(RecordModel):
    """One pre-proceedings (PLO) period for a child or a sibling group.

    The PLO clock (PLO_DURATION) starts at the letter before proceedings, or at the decision
    while no letter has been sent; see selectors/trackers.py.
    """

    legal_planning = models.ForeignKey(
        LegalPlanningDetail,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pre_proceedings",
    )
    decided_on = models.DateField(help_text="The legal gateway decided to start pre-proceedings")
    letter_sent_on = models.DateField(null=True, blank=True)
    letter_changes = models.TextField(
        blank=True, help_text="What the letter before proceedings asks the parents to change"
    )
    fgdm_offered = models.BooleanField(null=True, blank=True)
    fgdm_offered_on = models.DateField(null=True, blank=True)
    fgdm_held_on = models.DateField(null=True, blank=True)
    fgdm_not_reason = models.TextField(
        blank=True, help_text="Why family group decision-making was not offered or not held"
    )
    step_decided_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=PreProceedingsOutcome.choices, blank=True)
    step_down_to = models.CharField(max_length=10, choices=StepDownTo.choices, blank=True)
    outcome_reason = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = "pre-proceedings"
        indexes = [models.Index(fields=["outcome", "decided_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(letter_sent_on__isnull=True) | Q(letter_sent_on__gte=F("decided_on")),
                name="pp_letter_after_decision",
            ),
            models.CheckConstraint(
                condition=Q(outcome="") | Q(step_decided_on__isnull=False),
                name="pp_outcome_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(outcome="step_down") | ~Q(step_down_to=""),
                name="pp_step_down_has_level",
            ),
        ]

    def __str__(self) -> str:
        return f"Pre-proceedings from {self.decided_on:%d/%m/%Y}"


class PreProceedingsChild(RecordModel):
    pre_proceedings = models.ForeignKey(
        PreProceedings, on_delete=models.PROTECT, related_name="children"
    )
    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="pre_proceedings"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["pre_proceedings", "child"],
                condition=Q(removed_at__isnull=True),
                name="pp_child_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.child} in {self.pre_proceedings}"


class PreProceedingsMeeting(RecordModel):
    """What is pre-proceedings' own about an initial or review meeting (a Meeting of kind
    pp_initial or pp_review): whether the parents had a lawyer, and progress against what the
    letter asked to change."""

    meeting = models.OneToOneField(
        "casework.Meeting", on_delete=models.PROTECT, related_name="pre_proceedings_meeting"
    )
    pre_proceedings = models.ForeignKey(
        PreProceedings, on_delete=models.PROTECT, related_name="meetings"
    )
    parents_legal_rep = models.CharField(
        max_length=1, choices=LegalRepresentation.choices, blank=True
    )
    progress = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"{self.meeting} ({self.pre_proceedings})"


class PreProceedingsExtension(RecordModel):
    """A step decision to extend pre-proceedings: by how many weeks and why."""

    pre_proceedings = models.ForeignKey(
        PreProceedings, on_delete=models.PROTECT, related_name="extensions"
    )
    decided_on = models.DateField()
    weeks = models.PositiveSmallIntegerField()
    reason = models.TextField()

    class Meta:
        ordering = ["pre_proceedings", "decided_on", "id"]
        constraints = [models.CheckConstraint(condition=Q(weeks__gte=1), name="pp_ext_weeks")]

    def __str__(self) -> str:
        return f"Extension of {self.weeks} weeks on {self.decided_on:%d/%m/%Y}"


class CareProceedings(RecordModel):
    """Care proceedings for a child or a sibling group, from issue to conclusion (PROCEEDINGS_26W:
    26 weeks from issue plus any extensions granted)."""

    pre_proceedings = models.ForeignKey(
        PreProceedings,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="care_proceedings",
    )
    legal_planning = models.ForeignKey(
        LegalPlanningDetail,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="care_proceedings",
    )
    parents_letter_sent_on = models.DateField(
        null=True, blank=True, help_text="Letter telling the parents proceedings are starting"
    )
    issued_on = models.DateField()
    court = models.CharField(max_length=120)
    case_number = models.CharField(max_length=40)
    short_notice = models.BooleanField(default=False)
    short_notice_reason = models.TextField(blank=True)
    parents_legal_rep = models.CharField(
        max_length=1,
        choices=LegalRepresentation.choices,
        blank=True,
        help_text="Parents' legal representation at the point of issue",
    )
    concluded_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "care proceedings"
        indexes = [models.Index(fields=["concluded_on", "issued_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(concluded_on__isnull=True) | Q(concluded_on__gte=F("issued_on")),
                name="cp_concluded_after_issue",
            ),
            models.CheckConstraint(
                condition=~Q(short_notice=True) | ~Q(short_notice_reason=""),
                name="cp_short_notice_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"Care proceedings {self.case_number} issued {self.issued_on:%d/%m/%Y}"


class FinalOrder(models.TextChoices):
    CARE_ORDER = "care_order", "Care order"
    SUPERVISION_ORDER = "supervision_order", "Supervision order"
    SPECIAL_GUARDIANSHIP = "special_guardianship", "Special guardianship order"
    CHILD_ARRANGEMENTS = "child_arrangements", "Child arrangements order"
    PLACEMENT_ORDER = "placement_order", "Placement order"
    NO_ORDER = "no_order", "No order"
    WITHDRAWN = "withdrawn", "Withdrawn"


class CarePlan(models.TextChoices):
    """The council's care plan for the child in proceedings (SSD prep_la_*_care_plan; the SSD
    code letters are a placeholder and unverified, so the mapping gives these labels)."""

    PLACEMENT_WITH_PARENTS = "with_parents", "Placement with parents"
    FAMILY_AND_FRIENDS = "family_friends", "Placement with family or friends"
    LONG_TERM_FOSTERING = "fostering", "Long-term fostering"
    ADOPTION = "adoption", "Adoption"
    RESIDENTIAL = "residential", "Residential care"
    OTHER = "other", "Other"


class CareProceedingsChild(RecordModel):
    """A child in the proceedings: the council's initial and final care plans and the final
    order made for this child."""

    proceedings = models.ForeignKey(
        CareProceedings, on_delete=models.PROTECT, related_name="children"
    )
    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="care_proceedings"
    )
    initial_care_plan = models.CharField(max_length=20, choices=CarePlan.choices, blank=True)
    initial_plan_approved_on = models.DateField(null=True, blank=True)
    final_care_plan = models.CharField(max_length=20, choices=CarePlan.choices, blank=True)
    final_plan_approved_on = models.DateField(null=True, blank=True)
    final_order = models.CharField(max_length=30, choices=FinalOrder.choices, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["proceedings", "child"],
                condition=Q(removed_at__isnull=True),
                name="proceedings_child_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.child} in {self.proceedings}"


class HearingKind(models.TextChoices):
    CASE_MANAGEMENT = "cmh", "Case management hearing"
    ISSUES_RESOLUTION = "irh", "Issues resolution hearing"
    FINAL = "final", "Final hearing"
    OTHER = "other", "Other hearing"


class Hearing(RecordModel):
    # No index of its own: the (proceedings, held_on) index serves lookups by proceedings.
    proceedings = models.ForeignKey(
        CareProceedings,
        on_delete=models.PROTECT,
        related_name="hearings",
        db_index=False,
    )
    kind = models.CharField(max_length=10, choices=HearingKind.choices)
    held_on = models.DateField()
    outcome = models.TextField(blank=True, help_text="Blank while the hearing is to come")

    class Meta:
        ordering = ["proceedings", "held_on", "id"]
        indexes = [models.Index(fields=["proceedings", "held_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.held_on:%d/%m/%Y}"


class InterimOrderKind(models.TextChoices):
    INTERIM_CARE = "ico", "Interim care order"
    INTERIM_SUPERVISION = "iso", "Interim supervision order"
    OTHER = "other", "Other interim order"


class InterimOrder(RecordModel):
    proceedings = models.ForeignKey(
        CareProceedings, on_delete=models.PROTECT, related_name="interim_orders"
    )
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=InterimOrderKind.choices)
    made_on = models.DateField()
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["proceedings", "made_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} made {self.made_on:%d/%m/%Y}"


class ProceedingsExtension(RecordModel):
    """An extension of the 26-week limit granted by the court (Children and Families Act 2014
    s14: up to 8 weeks at a time), with the court's reason."""

    proceedings = models.ForeignKey(
        CareProceedings, on_delete=models.PROTECT, related_name="extensions"
    )
    granted_on = models.DateField()
    weeks = models.PositiveSmallIntegerField()
    reason = models.TextField()

    class Meta:
        ordering = ["proceedings", "granted_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weeks__gte=1) & Q(weeks__lte=8), name="proceedings_ext_weeks"
            )
        ]

    def __str__(self) -> str:
        return f"Extension of {self.weeks} weeks granted {self.granted_on:%d/%m/%Y}"


class LookedAfterPeriod(RecordModel):
    """A period of being looked after (minimal, to measure outcomes): started, SSDA903 legal
    status, ceased and the SSDA903 reason."""

    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="looked_after_periods"
    )
    started_on = models.DateField()
    legal_status = models.CharField(max_length=3, choices=choices("legal_status"))
    ceased_on = models.DateField(null=True, blank=True)
    reason_ceased = models.CharField(max_length=3, choices=choices("reason_ceased"), blank=True)

    class Meta:
        ordering = ["child", "started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["child"],
                condition=Q(ceased_on__isnull=True, removed_at__isnull=True),
                name="one_open_looked_after_period",
            ),
            models.CheckConstraint(
                condition=Q(ceased_on__isnull=True) | Q(ceased_on__gte=F("started_on")),
                name="lac_ceases_after_start",
            ),
            models.CheckConstraint(
                condition=Q(ceased_on__isnull=True) | ~Q(reason_ceased=""),
                name="lac_ceased_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"Looked after from {self.started_on:%d/%m/%Y}"
