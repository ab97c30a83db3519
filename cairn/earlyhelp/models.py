"""Early help episodes. Step-up and step-down between levels are frontdoor.LevelTransition rows."""

from django.db import models
from django.db.models import F, Q

from cairn.core.models import RecordModel


class EarlyHelpEndReason(models.TextChoices):
    OUTCOMES_MET = "outcomes_met", "Outcomes met"
    STEPPED_UP = "stepped_up", "Stepped up to children's social care"
    CONSENT_WITHDRAWN = "consent_withdrawn", "Consent withdrawn"
    MOVED_AWAY = "moved_away", "Moved out of the area"
    OTHER = "other", "Other"


class EarlyHelpEpisode(RecordModel):
    # No index of its own: the (child, started_on) index serves lookups by child.
    child = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="early_help_episodes",
        db_index=False,
    )
    started_on = models.DateField()
    lead_organisation = models.CharField(max_length=120)
    lead_practitioner = models.CharField(max_length=120)
    reason = models.TextField()
    plan_summary = models.TextField(blank=True)
    # A step-down from social care carries the plan it came from.
    stepped_down_from = models.ForeignKey(
        "casework.Plan", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=20, choices=EarlyHelpEndReason.choices, blank=True)

    class Meta:
        indexes = [models.Index(fields=["child", "started_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["child"],
                condition=Q(ended_on__isnull=True, removed_at__isnull=True),
                name="one_open_early_help_episode_per_child",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="early_help_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"Early help from {self.started_on:%d/%m/%Y}"
