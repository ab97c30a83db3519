"""The daily alert snapshot (ADR 0019): how many alerts of each rule and status each team had on
a date, so the service page's trend is what was evaluated then, not a recomputed guess."""

import datetime as dt
from collections import Counter

from django.db import transaction

from cairn.timescales.engine import Alert, alerts_as_of
from cairn.timescales.models import AlertSnapshot


def alert_snapshot_take(*, as_of: dt.date, alerts: list[Alert] | None = None) -> int:
    """Count the alerts open on `as_of` by rule, team and status and store them, replacing any
    counts already stored for that date (re-running a date is safe). Returns the number of
    alerts counted. Pass `alerts` when they are already evaluated for that date."""
    if alerts is None:
        alerts = alerts_as_of(as_of=as_of)
    counts = Counter((alert.rule, alert.team_id, alert.status) for alert in alerts)
    with transaction.atomic():
        # Snapshots are derived figures, not case records: a date's rows are replaced whole.
        AlertSnapshot.objects.filter(date=as_of).delete()
        AlertSnapshot.objects.bulk_create(
            AlertSnapshot(date=as_of, rule=rule, team_id=team_id, status=status, count=count)
            for (rule, team_id, status), count in sorted(
                counts.items(), key=lambda item: (item[0][0], item[0][1] or 0, item[0][2])
            )
        )
    return len(alerts)
