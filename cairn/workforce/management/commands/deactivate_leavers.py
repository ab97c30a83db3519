"""`manage.py deactivate_leavers [--as-of DATE]`: close the accounts of staff who have left.

Access already ends on the leaving date (accounts.backends); this sets is_active False with an
audit record by the system actor, so the account list matches. Safe to run daily.
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cairn.accounts.services import system_actor
from cairn.core import clock
from cairn.workforce.services.staff import leavers_deactivate


class Command(BaseCommand):
    help = "Deactivate the accounts of staff whose leaving date is on or before --as-of."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as-of", dest="as_of", help="YYYY-MM-DD (default: today)")

    def handle(self, *args, as_of: str | None, **options) -> None:
        try:
            day = dt.date.fromisoformat(as_of) if as_of else clock.today()
        except ValueError:
            raise CommandError(f"--as-of must be a date as YYYY-MM-DD, not {as_of!r}") from None
        leavers = leavers_deactivate(actor=system_actor(), as_of=day)
        for user in leavers:
            self.stdout.write(f"Deactivated {user.username} (left on {user.staff_record.left_on})")
        self.stdout.write(f"{len(leavers)} account(s) deactivated as of {day.isoformat()}.")
