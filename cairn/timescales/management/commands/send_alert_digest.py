"""send_alert_digest [--as-of YYYY-MM-DD]: email each active user with alerts their new and
overdue alerts (ADR 0019), through Django's email backend. Meant to run daily."""

import sys

from django.core.management.base import BaseCommand

from cairn.core import clock
from cairn.timescales.digest import alert_digest_send
from cairn.timescales.management.commands.drift_report import parse_as_of


class Command(BaseCommand):
    help = "Email each user with alerts their new and overdue alerts for a date (default: today)."

    def add_arguments(self, parser):
        parser.add_argument("--as-of", help="the date, YYYY-MM-DD (default: today)")

    def handle(self, *args, **options):
        as_of = parse_as_of(options["as_of"]) if options["as_of"] else clock.today()
        if sys.stderr.isatty():
            sys.stderr.write(f"Evaluating the drift rules as of {as_of.isoformat()}...\n")
        sent, no_address = alert_digest_send(as_of=as_of)
        self.stdout.write(f"Alert digest for {as_of.isoformat()}: {sent} emails sent.")
        if no_address:
            self.stdout.write(f"{no_address} users with alerts have no email address.")
