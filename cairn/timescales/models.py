"""The rule catalogue (synced from catalogue.py) and each council's or team's local values."""

from django.db import models
from django.db.models import Q

from cairn.core.models import RecordModel
from cairn.timescales.catalogue import RuleKind, SettingUnit


class Rule(models.Model):
    """One rule of shared/domain/timescales.md. Written only by `sync_rules` from the catalogue:
    the code, kind and default are code, the local value is a RuleSetting."""

    code = models.CharField(max_length=40, unique=True)
    kind = models.CharField(max_length=20, choices=RuleKind.choices)
    name = models.CharField(max_length=120)
    description = models.TextField()
    setting_unit = models.CharField(max_length=20, choices=SettingUnit.choices, blank=True)
    default_value = models.PositiveIntegerField(null=True, blank=True)
    team_overrides = models.BooleanField(default=False)
    editable = models.BooleanField(default=False)
    evaluated = models.BooleanField(default=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.code


class RuleSetting(RecordModel):
    """A local value of a rule: the council's (no team) or one team's. Changes go through
    `rule_setting_set`, so each keeps who, when, before and after (core.records)."""

    rule = models.ForeignKey(Rule, on_delete=models.PROTECT, related_name="settings")
    team = models.ForeignKey(
        "accounts.Team",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rule_settings",
    )
    value = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["rule"],
                condition=Q(team__isnull=True, removed_at__isnull=True),
                name="one_council_setting_per_rule",
            ),
            models.UniqueConstraint(
                fields=["rule", "team"],
                condition=Q(team__isnull=False, removed_at__isnull=True),
                name="one_team_setting_per_rule",
            ),
            models.CheckConstraint(condition=Q(value__gte=1), name="rule_setting_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.rule_id}: {self.value} ({self.team or 'council'})"


class AlertSnapshot(models.Model):
    """How many alerts of one rule and status one team had on a date (ADR 0019).

    Written by `alert_snapshot_take` (the daily `snapshot_alerts` command), which replaces a
    date's rows, so trends are read from what was evaluated then, never recomputed. `team` is
    empty for alerts of no team (e.g. a contact about a child with no case yet)."""

    date = models.DateField()
    rule = models.CharField(max_length=40)
    team = models.ForeignKey(
        "accounts.Team",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="alert_snapshots",
    )
    status = models.CharField(max_length=20)
    count = models.PositiveIntegerField()

    class Meta:
        ordering = ["date", "rule", "team_id", "status"]
        constraints = [
            models.UniqueConstraint(
                fields=["date", "rule", "team", "status"],
                condition=Q(team__isnull=False),
                name="one_snapshot_per_date_rule_team_status",
            ),
            models.UniqueConstraint(
                fields=["date", "rule", "status"],
                condition=Q(team__isnull=True),
                name="one_snapshot_per_date_rule_status_without_team",
            ),
        ]
        indexes = [models.Index(fields=["date", "team"], name="alert_snapshot_date_team")]

    def __str__(self) -> str:
        return f"{self.date} {self.rule} {self.team_id} {self.status}: {self.count}"
