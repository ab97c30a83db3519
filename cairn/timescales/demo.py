"""The demo's alert history (ADR 0019): the seed snapshots the alerts on the 12 weekly dates
ending on its as-of date, so the service page's trend shows real evaluations of the seeded
records (records dated after each date do not count on it)."""

from cairn.timescales.alert_selectors import trend_dates
from cairn.timescales.snapshots import alert_snapshot_take


def build_alert_history(ctx) -> str:
    """A seed step: snapshot the alerts on each of the 12 weekly dates ending on ctx.as_of."""
    dates = trend_dates(today=ctx.as_of)
    counted = []
    for done, day in enumerate(dates, start=1):
        counted.append(alert_snapshot_take(as_of=day))
        ctx.progress.update("alert snapshots", done, len(dates))
    return (
        f"alert snapshots: {len(dates)} weekly dates from {dates[0].isoformat()} to "
        f"{dates[-1].isoformat()} ({counted[0]} to {counted[-1]} alerts)"
    )
