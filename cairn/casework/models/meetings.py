"""Meetings: one model whatever the kind (CIN reviews, strategy discussions, conferences, core
groups; legal meetings add kinds). Invitees, attendance, the child's and parents'
participation, actions, addenda and the decision are written once here; `protection` adds only
what is its own around them (S47 findings, conference outcome and category, quoracy)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from cairn.core.models import RecordModel


class MeetingKind(models.TextChoices):
    CIN_REVIEW = "cin_review", "Child in need review"
    STRATEGY = "strategy", "Strategy discussion"
    ICPC = "icpc", "Initial child protection conference"
    RCPC = "rcpc", "Review child protection conference"
    CORE_GROUP = "core_group", "Core group meeting"
    # Legal (issue 5): the legal gateway and the pre-proceedings (PLO) meetings with parents
    LEGAL_PLANNING = "legal_planning", "Legal planning meeting"
    PP_INITIAL = "pp_initial", "Initial pre-proceedings meeting"
    PP_REVIEW = "pp_review", "Pre-proceedings review meeting"


# Kinds a CP chair chairs and finalises; after finalising they change only by addendum.
CONFERENCE_KINDS = frozenset({MeetingKind.ICPC, MeetingKind.RCPC})


class MakingDifference(models.TextChoices):
    YES = "yes", "Yes"
    PARTLY = "partly", "Partly"
    NO = "no", "No"


class MeetingDecision(models.TextChoices):
    CONTINUE = "continue", "Continue the plan"
    STEP_UP = "step_up", "Step up to a strategy discussion"
    STEP_DOWN = "step_down", "Step down to early help"
    CLOSE = "close", "Close"


class Meeting(RecordModel):
    kind = models.CharField(max_length=30, choices=MeetingKind.choices)
    held_at = models.DateTimeField()
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # No index of its own: the (plan, held_at) index serves lookups by plan.
    plan = models.ForeignKey(
        "casework.Plan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        help_text="The plan this meeting reviews",
        db_index=False,
    )
    making_difference = models.CharField(
        max_length=10, choices=MakingDifference.choices, blank=True
    )
    what_changes = models.TextField(blank=True)
    decision = models.CharField(max_length=20, choices=MeetingDecision.choices, blank=True)
    finalised_at = models.DateTimeField(null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        indexes = [
            models.Index(fields=["plan", "held_at"]),
            models.Index(fields=["kind", "held_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.held_at:%d/%m/%Y}"


class ParticipationMode(models.TextChoices):
    """How the child took part in a review (local list; mapped to PN codes for returns)."""

    ATTENDED_SPOKE = "attended_spoke", "Attended and spoke for themselves"
    ATTENDED_ADVOCATE = "attended_advocate", "Attended; an advocate spoke for them"
    VIA_WORKER = "via_worker", "Views given through their social worker"
    VIA_ADVOCATE = "via_advocate", "Views given through an advocate"
    IN_WRITING = "in_writing", "Views given in writing or drawing"
    TOO_YOUNG = "too_young", "Too young to give views (under 4)"
    NOT_GIVEN_OPPORTUNITY = "not_given_opportunity", "Not given the opportunity"


# The SSDA903 / SSD participation code each mode maps to (codes.md, PN0-PN7).
PARTICIPATION_PN_CODE = {
    ParticipationMode.TOO_YOUNG: "PN0",
    ParticipationMode.ATTENDED_SPOKE: "PN1",
    ParticipationMode.ATTENDED_ADVOCATE: "PN2",
    ParticipationMode.VIA_ADVOCATE: "PN5",
    ParticipationMode.VIA_WORKER: "PN6",
    ParticipationMode.IN_WRITING: "PN6",
    ParticipationMode.NOT_GIVEN_OPPORTUNITY: "PN7",
}


class MeetingChild(RecordModel):
    """A child the meeting is about, and how that child took part (or why not)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="children")
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="meetings")
    participation = models.CharField(max_length=30, choices=ParticipationMode.choices, blank=True)
    participation_note = models.TextField(
        blank=True, help_text="How the child's views were gathered, or why they were not"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "child"],
                condition=Q(removed_at__isnull=True),
                name="meeting_child_once",
            ),
            models.CheckConstraint(
                condition=~Q(participation="not_given_opportunity") | ~Q(participation_note=""),
                name="no_opportunity_needs_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.child} at {self.meeting}"


class AttendeeRole(models.TextChoices):
    PARENT_CARER = "parent_carer", "Parent or carer"
    PROFESSIONAL = "professional", "Professional"
    CHILD = "child", "Child"
    OTHER = "other", "Other"


class AgencyKind(models.TextChoices):
    """The agency a professional attends for (strategy discussions and conference quoracy)."""

    CHILDRENS_SOCIAL_CARE = "csc", "Children's social care"
    POLICE = "police", "Police"
    HEALTH = "health", "Health"
    EDUCATION = "education", "Education"
    PROBATION = "probation", "Probation"
    HOUSING = "housing", "Housing"
    OTHER = "other", "Other agency"


class Attendance(RecordModel):
    """An invitee: a person in the family network or a professional (with agency).

    `agency_kind` and `direct_contact` decide a conference's quoracy (children's social care
    plus at least two other agencies with direct contact with the child). `participation_note`
    says how a parent or carer took part, or why not.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="attendance")
    role = models.CharField(max_length=20, choices=AttendeeRole.choices)
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    name = models.CharField(max_length=120, blank=True)
    agency = models.CharField(max_length=120, blank=True)
    agency_kind = models.CharField(max_length=20, choices=AgencyKind.choices, blank=True)
    direct_contact = models.BooleanField(
        default=False, help_text="The professional has direct contact with the child"
    )
    invited = models.BooleanField(default=True)
    attended = models.BooleanField(default=False)
    sent_report = models.BooleanField(default=False)
    participation_note = models.TextField(
        blank=True, help_text="How a parent or carer took part, or why they did not"
    )

    class Meta:
        verbose_name_plural = "attendance"
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(name=""), name="attendee_is_named"
            ),
        ]

    def __str__(self) -> str:
        return self.name or str(self.person)


class MeetingActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"
    NOT_DONE = "not_done", "Not done"


class MeetingAction(RecordModel):
    """An action agreed at a meeting (strategy discussion, core group), with its owner."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="actions")
    what = models.TextField()
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    owner_name = models.CharField(max_length=120, blank=True, help_text="Or a named person")
    owner_agency = models.CharField(max_length=120, blank=True)
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=MeetingActionStatus.choices, default=MeetingActionStatus.OPEN
    )

    class Meta:
        ordering = ["meeting", "due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(owner_user__isnull=False) | ~Q(owner_name="") | ~Q(owner_agency=""),
                name="meeting_action_has_owner",
            ),
        ]

    def __str__(self) -> str:
        return self.what[:80]


class MeetingAddendum(RecordModel):
    """A correction or addition to a finalised meeting record. The record itself no longer
    changes; `created_by`/`created_at` say who added the addendum and when."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="addenda")
    text = models.TextField()

    class Meta:
        ordering = ["meeting", "created_at"]
        verbose_name_plural = "meeting addenda"

    def __str__(self) -> str:
        return f"Addendum to {self.meeting}"
