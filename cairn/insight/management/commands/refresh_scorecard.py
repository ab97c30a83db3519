"""refresh_scorecard [--as-of YYYY-MM-DD] [--measure KEY ...] [--stale-only]: recompute the
scorecard's stored figures (every measure, every scope, the last 24 months; ADR 0027).

Reads refresh stale measures themselves; run this after a bulk load (seed_demo, import_ssd) or
nightly so the first reader of the day does not pay for it. It then draws the charts of every
area's scorecard (the council, each service area and team) into the shared cache (ADR 0029):
a chart whose figures did not change is already there and is not drawn again."""

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from cairn.core import clock
from cairn.insight.aggregation import refresh_measures, stale_measures
from cairn.insight.charts import warm_charts
from cairn.insight.measures.base import get_measure, measures
from cairn.insight.measures.periods import TeamTree
from cairn.timescales.management.commands.drift_report import parse_as_of


class Command(BaseCommand):
    help = "Recompute the scorecard's stored figures for every scope and the last 24 months."

    def add_arguments(self, parser):
        parser.add_argument("--as-of", help="the date, YYYY-MM-DD (default: today)")
        parser.add_argument("--measure", action="append", help="only this measure (repeatable)")
        parser.add_argument(
            "--stale-only", action="store_true", help="only measures whose sources changed"
        )
        parser.add_argument(
            "--no-charts", action="store_true", help="do not draw the charts ahead of readers"
        )

    def handle(self, *args, **options):
        as_of = parse_as_of(options["as_of"]) if options["as_of"] else clock.today()
        try:
            chosen = (
                [get_measure(k) for k in options["measure"]] if options["measure"] else measures()
            )
        except LookupError as error:
            raise CommandError(str(error)) from None
        if options["stale_only"]:
            chosen = stale_measures(chosen, as_of=as_of)
        if sys.stderr.isatty():
            sys.stderr.write(f"Refreshing {len(chosen)} measures as of {as_of.isoformat()}...\n")
        started = time.perf_counter()
        timings = refresh_measures(measures=chosen, as_of=as_of)
        for timing in timings if options["verbosity"] > 1 else ():
            self.stdout.write(f"  {timing.key}: {timing.cells} figures in {timing.seconds:.2f} s")
        cells = sum(t.cells for t in timings)
        self.stdout.write(
            f"Refreshed {len(timings)} measures ({cells} figures) as of {as_of.isoformat()} "
            f"in {time.perf_counter() - started:.1f} s."
        )
        if options["no_charts"] or not chosen:
            return
        areas = TeamTree().all_scopes()
        started = time.perf_counter()
        charts = warm_charts(areas, keys=[m.key for m in chosen])
        seconds = time.perf_counter() - started
        self.stdout.write(f"Charts ready: {charts} for {len(areas)} areas in {seconds:.1f} s.")
