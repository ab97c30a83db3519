"""`manage.py seed_demo`: build a synthetic council (see cairn/demo/seeding.py for the steps)."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cairn.core import clock
from cairn.demo import seeding
from cairn.demo.profiles import PROFILES


def parse_as_of(value: str | None) -> dt.date:
    if value is None:
        return clock.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--as-of must be a date as YYYY-MM-DD, not {value!r}") from None


class Command(BaseCommand):
    help = (
        "Build a synthetic council: teams, staff (with a demo account per role), children and "
        "their families and allocations. Deterministic for a seed and an as-of date."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--size", required=True, choices=list(PROFILES), help="how big a council to build"
        )
        parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
        parser.add_argument(
            "--as-of", dest="as_of", help="the date histories lead up to (default: today)"
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="do nothing if the council is already seeded (so `make demo` can be re-run)",
        )

    def handle(self, *args, size: str, seed: int, as_of: str | None, if_empty: bool, **options):
        profile = PROFILES[size]
        day = parse_as_of(as_of)
        if seeding.council_is_seeded():
            if if_empty:
                self.stdout.write("The council is already seeded; nothing to do (--if-empty).")
                return
            raise CommandError(
                "The database already holds staff or people. Seed into an empty database, "
                "or pass --if-empty to leave it as it is."
            )
        self.stdout.write(f"Seeding a {size} council (seed {seed}, as of {day.isoformat()})")
        result = seeding.seed(profile=profile, seed=seed, as_of=day, out=self.stdout)
        rows = sum(result["counts"].values())
        self.stdout.write(
            self.style.SUCCESS(f"Seeded {rows:,} rows in {result['seconds']:.1f} seconds.")
        )
        if day != clock.today():
            self.stdout.write(
                f"Histories lead up to {day.isoformat()}: run the server with "
                f"CAIRN_TODAY={day.isoformat()} to see the council as of that date."
            )
        self.stdout.write("Sign in with the demo accounts listed by `manage.py demo_accounts`.")
