"""`manage.py escalate_practice_alerts [--as-of YYYY-MM-DD]`: the daily job that moves every
open practice alert whose current stage had no response by its due date up a stage (team
manager -> service manager -> head of service), as the system actor. Safe to run daily: an
alert moves at most one stage a run, and the new stage is due 5 working days later."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cairn.accounts.services import system_actor
from cairn.core import clock
from cairn.protection.services.oversight import practice_alerts_escalate_unanswered


class Command(BaseCommand):
    help = "Escalate practice alerts whose current stage is unanswered after its due date."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as-of", dest="as_of", help="YYYY-MM-DD (default: today)")

    def handle(self, *args, as_of: str | None, **options) -> None:
        try:
            day = dt.date.fromisoformat(as_of) if as_of else clock.today()
        except ValueError:
            raise CommandError(f"--as-of must be a date as YYYY-MM-DD, not {as_of!r}") from None
        run = practice_alerts_escalate_unanswered(actor=system_actor(), as_of=day)
        for alert in run.escalated:
            self.stdout.write(
                f"Alert {alert.pk} ({alert.child}) escalated to the "
                f"{alert.get_stage_display().lower()}"
            )
        for problem in run.problems:
            self.stderr.write(f"Not escalated: {problem}")
        self.stdout.write(
            f"{len(run.escalated)} practice alert(s) escalated as of {day.isoformat()}."
        )
