"""`manage.py demo_accounts`: the demo sign-ins of a seeded council, one per role."""

from django.conf import settings
from django.core.management.base import BaseCommand

from cairn.accounts.models import User
from cairn.demo.accounts import DEMO_PASSWORD, DEMO_USERNAMES


class Command(BaseCommand):
    help = "List the demo accounts (username, role, team) and their shared password."

    def handle(self, *args, **options):
        users = {
            u.username: u
            for u in User.objects.filter(username__in=DEMO_USERNAMES.values()).select_related(
                "team"
            )
        }
        if not users:
            self.stdout.write("No demo accounts: run `manage.py seed_demo --size small` first.")
            return
        rows = [("Username", "Role", "Team", "Password")]
        for username in DEMO_USERNAMES.values():
            if user := users.get(username):
                team = user.team.name if user.team else "-"
                rows.append((username, user.role_label, team, DEMO_PASSWORD))
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        for n, row in enumerate(rows):
            line = "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True))
            self.stdout.write(line.rstrip())
            if n == 0:
                self.stdout.write("  ".join("-" * w for w in widths))
        self.stdout.write("Synthetic data only: these accounts exist only in seeded councils.")
        if not settings.CAIRN_REQUIRE_TWO_FACTOR:
            self.stdout.write(
                "Two-factor sign-in is off in these demo settings: the password is enough. "
                "Outside the demo every user also sets up an authenticator app (ADR 0024)."
            )
