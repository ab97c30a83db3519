"""Pre-aggregated scorecard figures (ADR 0027).

Insight is an oversight app: it owns only these rows, derived from the record and recomputed by
``cairn.insight.aggregation``. They are a cache with a recorded data version, never a source of
truth, so they are plain models (no audit trail, replaced wholesale on refresh).
"""

from django.db import models


class MeasureFigure(models.Model):
    """One measure's figure for one month and one scope, as computed at ``data_version``."""

    measure_key = models.CharField(max_length=60)
    month = models.DateField(help_text="First day of the month")
    scope_kind = models.CharField(max_length=10)
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    value = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    numerator = models.IntegerField(null=True, blank=True)
    denominator = models.IntegerField(null=True, blank=True)
    total = models.DecimalField(
        max_digits=20,
        decimal_places=6,
        null=True,
        blank=True,
        help_text="An average's total amount, so the figure can be patched (ADR 0029)",
    )
    computed_at = models.DateTimeField()
    data_version = models.BigIntegerField(help_text="The latest audit event id when computed")

    class Meta:
        indexes = [models.Index(fields=["scope_kind", "team", "measure_key", "month"])]
        constraints = [
            models.UniqueConstraint(
                fields=["measure_key", "month", "scope_kind", "team"],
                name="insight_one_figure_per_cell",
            ),
            models.UniqueConstraint(
                fields=["measure_key", "month", "scope_kind"],
                condition=models.Q(team__isnull=True),
                name="insight_one_council_figure_per_month",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure_key} {self.month:%Y-%m} {self.scope_kind}:{self.team_id}"


class MeasureRow(models.Model):
    """One row behind a stored figure (ADR 0029): a child counted in a month, with the team it
    counts for and, for shares and averages, its flag or amount.

    Kept for the measures whose figures add up over children, so that after a change only the
    rows of the children it touched are recomputed and the figures patched by the difference.
    Plain integers, not foreign keys: like the figures, these are a cache of the record."""

    measure_key = models.CharField(max_length=60)
    month = models.DateField()
    child_id = models.IntegerField()
    team_id = models.IntegerField(null=True, blank=True)
    flag = models.BooleanField(null=True, blank=True)
    amount = models.FloatField(null=True, blank=True)
    worker_id = models.IntegerField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["measure_key", "child_id"])]

    def __str__(self) -> str:
        return f"{self.measure_key} {self.month:%Y-%m} child {self.child_id}"


class MeasureRefresh(models.Model):
    """One measure's last refresh: which months, as of which day, at which data version.

    A read compares these with the audit trail: figures are stale when the as-of day moved on or
    an audit event newer than ``data_version`` touched one of the measure's source models.
    """

    measure_key = models.CharField(max_length=60, unique=True)
    first_month = models.DateField()
    last_month = models.DateField()
    as_of = models.DateField()
    data_version = models.BigIntegerField()
    computed_at = models.DateTimeField()
    seconds = models.FloatField(default=0)
    patchable = models.BooleanField(
        default=False, help_text="Stored with its rows, so a change can be patched (ADR 0029)"
    )

    def __str__(self) -> str:
        return f"{self.measure_key} @ {self.data_version}"


# The members' report models live in report/models.py; importing them here lets Django find
# them whatever imports first (they share this app's migrations).
from cairn.insight.report.models import MembersReport, ReportDocument  # noqa: E402, F401
