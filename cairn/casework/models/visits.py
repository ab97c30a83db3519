"""Visits and direct work: one model with a kind. Recording one takes one page."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from cairn.core.models import RecordModel


class VisitKind(models.TextChoices):
    CIN = "cin", "Statutory child in need visit"
    CP = "cp", "Child protection visit"
    OTHER = "other", "Other visit"


class Visit(RecordModel):
    # No index of its own: the (child, visited_on) index serves lookups by child.
    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="visits", db_index=False
    )
    episode = models.ForeignKey(
        "frontdoor.Episode", on_delete=models.PROTECT, related_name="visits"
    )
    kind = models.CharField(max_length=10, choices=VisitKind.choices)
    visited_on = models.DateField()
    child_seen = models.BooleanField()
    seen_alone = models.BooleanField(default=False)
    bedroom_seen = models.BooleanField(default=False)
    location = models.CharField(max_length=200)
    present = models.CharField(max_length=300, blank=True, help_text="Who else was present")
    wishes_and_feelings = models.TextField(blank=True, help_text="In the child's own words")
    direct_work = models.TextField(blank=True, help_text="Tool or method used")
    observations = models.TextField(blank=True)
    analysis = models.TextField(blank=True)
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="visits"
    )

    class Meta:
        indexes = [models.Index(fields=["child", "visited_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(child_seen=True) | Q(seen_alone=False), name="seen_alone_needs_seen"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.visited_on:%d/%m/%Y}"
