"""Pre-aggregated figures that stay correct when records change (ADR 0027).

``refresh_measures`` computes each measure for every scope (council, services, teams) and the
last 24 months in one pass and stores the figures with the *data version*: the id of the latest
audit event when the computation started. Every write to a record goes through the records
service, which writes an audit event naming the record's model (bulk seeding writes one per
model), so the audit trail says which measures may have moved since.

``read_figures`` checks, per measure, whether any audit event newer than its data version
touched one of its source models, or the day has changed (month-end figures for the current
month are "as of today"); those measures are brought up to date before the read: patched by
the rows of the children the changes touched (``patching``, ADR 0029) where the measure allows,
else recomputed whole. So a figure read after a change always reflects it, and unchanged
measures are read straight from the table.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone

from cairn.core import clock
from cairn.core.models import AuditEvent
from cairn.insight.measures.base import COUNCIL, Figure, Measure, Scope
from cairn.insight.measures.base import measures as all_measures
from cairn.insight.measures.periods import TeamTree, last_months
from cairn.insight.measures.rows import MEAN, Context, RowMeasure, Tally
from cairn.insight.models import MeasureFigure, MeasureRefresh, MeasureRow
from cairn.insight.patching import patch_measure, row_records

WINDOW_MONTHS = 24
ANY_CHANGE = "*"


@dataclass(frozen=True)
class RefreshTiming:
    key: str
    seconds: float
    cells: int


def data_version() -> int:
    return AuditEvent.objects.aggregate(latest=Max("pk"))["latest"] or 0


def _latest_change_by_model(since: int) -> dict[str, int]:
    """For each model changed after audit event ``since``: the id of its latest change."""
    rows = (
        AuditEvent.objects.filter(pk__gt=since)
        .values("content_type__app_label", "content_type__model")
        .annotate(latest=Max("pk"))
    )
    return {f"{r['content_type__app_label']}.{r['content_type__model']}": r["latest"] for r in rows}


def _sources(measure: Measure) -> frozenset[str]:
    if isinstance(measure, RowMeasure):
        return measure.source_labels()
    return frozenset({ANY_CHANGE})


def window(as_of: date) -> list[date]:
    return last_months(as_of, WINDOW_MONTHS)


def patchable(measure: Measure) -> bool:
    """Whether the measure's figures are kept with their rows and patched after a change."""
    return isinstance(measure, RowMeasure) and measure.incremental and not measure.expensive


def refresh_measures(
    *, measures: list[Measure] | None = None, as_of: date | None = None
) -> list[RefreshTiming]:
    """Recompute the measures (default: all) for every scope and the 24-month window ending
    this month, replacing their stored figures (and rows, for the measures patched later)."""
    as_of = as_of or clock.today()
    months = window(as_of)
    version = data_version()  # before reading: a change made meanwhile leaves them stale
    ctx = Context(as_of)
    ctx.load_all = True
    scopes = ctx.tree.all_scopes()
    timings = []
    for measure in measures if measures is not None else all_measures():
        started = time.perf_counter()
        rows = None
        if isinstance(measure, RowMeasure):
            rows = list(measure.rows(months, ctx))
            tallies = measure.tallies(rows, scopes, ctx.tree)
            cells = {
                (m, s): (measure.figure(tallies.get((m, s), Tally()), s), tallies.get((m, s)))
                for m in months
                for s in scopes
            }
        else:
            cells = {cell: (f, None) for cell, f in measure.figures(months, scopes).items()}
        kept = rows if patchable(measure) else None
        _store(measure, cells, kept, months, as_of, version, time.perf_counter() - started)
        timings.append(RefreshTiming(measure.key, time.perf_counter() - started, len(cells)))
    return timings


def _store(measure, cells, rows, months, as_of, version, seconds) -> None:
    now = timezone.now()
    with_total = getattr(measure, "kind", None) == MEAN
    figures = [
        MeasureFigure(
            measure_key=measure.key,
            month=month,
            scope_kind=scope.kind,
            team_id=scope.team_id,
            value=figure.value,
            numerator=figure.numerator,
            denominator=figure.denominator,
            total=(tally.total if tally else Decimal(0)) if with_total else None,
            computed_at=now,
            data_version=version,
        )
        for (month, scope), (figure, tally) in cells.items()
    ]
    try:
        _replace(measure, figures, rows, months, as_of, version, now, seconds)
    except IntegrityError:
        # Another process stored this measure's figures at the same moment (two readers found
        # it stale together); theirs are as new as ours.
        pass


def _replace(measure, figures, rows, months, as_of, version, now, seconds) -> None:
    with transaction.atomic():
        MeasureFigure.objects.filter(measure_key=measure.key).delete()
        MeasureFigure.objects.bulk_create(figures, batch_size=2000)
        MeasureRow.objects.filter(measure_key=measure.key).delete()
        if rows is not None:
            MeasureRow.objects.bulk_create(row_records(measure.key, rows), batch_size=5000)
        MeasureRefresh.objects.update_or_create(
            measure_key=measure.key,
            defaults={
                "first_month": months[0],
                "last_month": months[-1],
                "as_of": as_of,
                "data_version": version,
                "computed_at": now,
                "seconds": seconds,
                "patchable": rows is not None,
            },
        )


def stale_measures(measures: list[Measure], *, as_of: date) -> list[Measure]:
    """The measures whose stored figures may be out of date: never computed, computed on
    another day or for another window, or a source model changed since."""
    months = window(as_of)
    refreshes = {
        r.measure_key: r
        for r in MeasureRefresh.objects.filter(measure_key__in=[m.key for m in measures])
    }
    fresh = [
        refreshes[m.key]
        for m in measures
        if m.key in refreshes
        and refreshes[m.key].as_of == as_of
        and refreshes[m.key].first_month == months[0]
        and refreshes[m.key].last_month == months[-1]
    ]
    since = min((r.data_version for r in fresh), default=0)
    changed = _latest_change_by_model(since) if fresh else {}
    newest = max(changed.values(), default=0)
    stale = []
    for measure in measures:
        refresh = refreshes.get(measure.key)
        if refresh is None or refresh not in fresh:
            stale.append(measure)
            continue
        sources = _sources(measure)
        if ANY_CHANGE in sources:
            moved = newest > refresh.data_version
        else:
            moved = any(
                latest > refresh.data_version
                for label, latest in changed.items()
                if label in sources or f"{label.partition('.')[0]}.*" in sources
            )
        if moved:
            stale.append(measure)
    return stale


def _scope_q(scopes: list[Scope]) -> Q:
    q = Q(pk__in=[])
    for scope in scopes:
        if scope.kind == COUNCIL:
            q |= Q(scope_kind=COUNCIL, team__isnull=True)
        else:
            q |= Q(scope_kind=scope.kind, team_id=scope.team_id)
    return q


def _deferrable(stale: list[Measure], as_of: date) -> set[str]:
    """Stale measures that re-evaluate the drift engine at 24 month ends (minutes on a large
    council) and already have figures for this window: left to ``refresh_scorecard``."""
    months = window(as_of)
    keys = [m.key for m in stale if getattr(m, "expensive", False)]
    return set(
        MeasureRefresh.objects.filter(
            measure_key__in=keys, first_month=months[0], last_month=months[-1]
        ).values_list("measure_key", flat=True)
    )


def _patch(stale: list[Measure], *, stored_months: list[date], as_of: date) -> list[Measure]:
    """Patch the stale measures that can be patched (stored with their rows for this window
    and day); the rest are returned to be recomputed whole."""
    candidates = [m for m in stale if patchable(m)]
    kept = set(
        MeasureRefresh.objects.filter(
            measure_key__in=[m.key for m in candidates],
            patchable=True,
            as_of=as_of,
            first_month=stored_months[0],
            last_month=stored_months[-1],
        ).values_list("measure_key", flat=True)
    )
    if not kept:
        return stale
    upto = data_version()
    scopes = TeamTree().all_scopes()
    whole = []
    for measure in stale:
        if measure.key not in kept or not patch_measure(
            measure, months=stored_months, scopes=scopes, as_of=as_of, upto=upto
        ):
            whole.append(measure)
    return whole


def read_figures(
    *,
    measures: list[Measure],
    months: list[date],
    scopes: list[Scope],
    as_of: date | None = None,
    deferred: set[str] | None = None,
) -> dict[str, dict[tuple[date, Scope], Figure]]:
    """Figures per measure key, for the months and scopes asked for.

    Months inside the stored window are read from the table. Stale measures are recomputed
    first, except the expensive ones (drift-engine measures) that already have figures for the
    window, unless ``CAIRN_SCORECARD_ENGINE_ON_READ``: those keys are added to ``deferred`` and
    their stored figures returned, for ``refresh_scorecard --stale-only`` to bring up to date.
    A measure asked for months outside the window (e.g. an older period for a report) is
    computed directly and not stored."""
    as_of = as_of or clock.today()
    stored_months = set(window(as_of))
    inside = set(months) <= stored_months
    out: dict[str, dict[tuple[date, Scope], Figure]] = {m.key: {} for m in measures}
    if not inside:
        for measure in measures:
            out[measure.key] = measure.figures(months, scopes)
        return out
    stale = stale_measures(measures, as_of=as_of)
    later = _deferrable(stale, as_of) if not settings.CAIRN_SCORECARD_ENGINE_ON_READ else set()
    if deferred is not None:
        deferred.update(later)
    now = [m for m in stale if m.key not in later]
    whole = _patch(now, stored_months=window(as_of), as_of=as_of)
    if whole:
        refresh_measures(measures=whole, as_of=as_of)
    rows = MeasureFigure.objects.filter(
        _scope_q(scopes), measure_key__in=[m.key for m in measures], month__in=months
    ).values_list(
        "measure_key", "month", "scope_kind", "team_id", "value", "numerator", "denominator"
    )
    for key, month, kind, team_id, value, numerator, denominator in rows:
        out[key][(month, Scope(kind, team_id))] = Figure(
            value.normalize() if value is not None else None, numerator, denominator
        )
    return out
