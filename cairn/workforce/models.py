"""Who is responsible for a child: allocations to a team and (optionally) a worker, as history."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from cairn.core.models import RecordModel


class Allocation(RecordModel):
    """One period of a child's allocation (the SSD involvement shape).

    A row with a team and no worker is the team's unallocated queue. The current allocation is
    the one with no end date; a change ends the current row and starts a new one with a reason.
    """

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="allocations")
    episode = models.ForeignKey(
        "frontdoor.Episode",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="allocations",
        help_text="The CIN episode this allocation is for, when there is one",
    )
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="allocations")
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="allocations",
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
