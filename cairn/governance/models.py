"""Restricted records: who may open a restricted person's record, requests for access and
break-glass access (ADR 0023).

`people.Person.is_restricted` is the cheap flag every permission check reads first; the rows
here say why, who may open it, and every change to that (nothing is hard-deleted).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from cairn.core.models import RecordModel


class RestrictionReason(models.TextChoices):
    STAFF_FAMILY = "staff_family", "A member of staff's family"
    HIGH_PROFILE = "high_profile", "High-profile case"
    OTHER = "other", "Other"


class Restriction(RecordModel):
    """A person's record is restricted while this row is live; lifting removes it (with the
    reason). Named users (`RestrictionAllowance`) may open the record."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    category = models.CharField(max_length=20, choices=RestrictionReason.choices)
    reason = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(removed_at__isnull=True),
                name="one_live_restriction_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"Restriction of person {self.person_id} ({self.get_category_display()})"


class RestrictionChangeKind(models.TextChoices):
    RESTRICTED = "restricted", "Restricted"
    LIFTED = "lifted", "Restriction lifted"
    USER_ADDED = "user_added", "User named"
    USER_REMOVED = "user_removed", "User removed"


class RestrictionChange(models.Model):
    """One change to a person's restriction or its allow list (append-only history)."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # No index of its own: the (person, at) index serves lookups by person.
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    kind = models.CharField(max_length=20, choices=RestrictionChangeKind.choices)
    subject_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        help_text="The user named or removed, for allow-list changes.",
    )
    reason = models.TextField()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["person", "at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for person {self.person_id} by {self.actor}"


class RestrictionAllowance(RecordModel):
    """A user named as allowed to open a restricted record."""

    restriction = models.ForeignKey(
        Restriction, on_delete=models.PROTECT, related_name="allowances"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["restriction", "user"],
                condition=Q(removed_at__isnull=True),
                name="user_named_once_per_restriction",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} may open person {self.restriction.person_id}"


class AccessRequestStatus(models.TextChoices):
    PENDING = "pending", "Waiting for a decision"
    GRANTED = "granted", "Granted"
    REFUSED = "refused", "Refused"


class AccessRequest(RecordModel):
    """A user's request to open a restricted record; information governance decides it.
    Granting names the user on the record's allow list."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField()
    status = models.CharField(
        max_length=10, choices=AccessRequestStatus.choices, default=AccessRequestStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "requester"],
                condition=Q(status="pending", removed_at__isnull=True),
                name="one_pending_request_per_user_and_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.requester} asks to open person {self.person_id} ({self.status})"


class BreakGlassAccess(models.Model):
    """Emergency access to a restricted record with a reason, until `expires_at`. Logged as an
    access event and reported to information governance."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    # No index of its own: the (user, person, expires_at) index serves lookups by user.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    expires_at = models.DateTimeField()
    access_event = models.ForeignKey("core.AccessEvent", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["user", "person", "expires_at"])]
        verbose_name = "break-glass access"
        verbose_name_plural = "break-glass accesses"

    def __str__(self) -> str:
        return f"{self.user} broke glass on person {self.person_id} at {self.at:%Y-%m-%d %H:%M}"
