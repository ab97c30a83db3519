"""snapshot_alerts [--as-of YYYY-MM-DD]: store the day's alert counts by rule, team and status
(ADR 0019). Meant to run daily; re-running a date replaces that date's counts."""

import sys

from django.core.management.base import BaseCommand

from cairn.core import clock
from cairn.timescales.management.commands.drift_report import parse_as_of
from cairn.timescales.snapshots import alert_snapshot_take


class Command(BaseCommand):
    help = "Store the alert counts by rule, team and status for a date (default: today)."

    def add_arguments(self, parser):
        parser.add_argument("--as-of", help="the date, YYYY-MM-DD (default: today)")

    def handle(self, *args, **options):
        as_of = parse_as_of(options["as_of"]) if options["as_of"] else clock.today()
        if sys.stderr.isatty():
            sys.stderr.write(f"Evaluating the drift rules as of {as_of.isoformat()}...\n")
        counted = alert_snapshot_take(as_of=as_of)
        self.stdout.write(f"Snapshot of {as_of.isoformat()}: {counted} alerts counted.")
