"""create_api_token --integration NAME --scopes a,b [--role ROLE --team TEAM] [--days 90]:
issue a token for a partner integration (ADR 0026), creating the integration and its service
user the first time (then --role is required). The token is printed once; only its hash is kept.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cairn.accounts.models import Team, User
from cairn.accounts.roles import Role
from cairn.accounts.services import system_actor
from cairn.api.models import ApiClient
from cairn.api.scopes import ALL_SCOPES, parse_scopes
from cairn.api.services import api_client_create, api_token_issue

VIA = "create_api_token"


def _problems(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
    return " ".join(error.messages)


class Command(BaseCommand):
    help = "Issue an API token for a partner integration (printed once)."

    def add_arguments(self, parser):
        parser.add_argument("--integration", required=True, help="The integration's name")
        parser.add_argument(
            "--scopes", required=True, help=f"Comma-separated, from: {', '.join(ALL_SCOPES)}"
        )
        parser.add_argument(
            "--role",
            choices=[r.value for r in Role if r != Role.SYSTEM],
            help="The service user's role (a new integration only)",
        )
        parser.add_argument("--team", default="", help="The service user's team, by name")
        parser.add_argument("--organisation", default="", help="The partner organisation")
        parser.add_argument("--days", type=int, default=90, help="Days until it expires")
        parser.add_argument(
            "--by", default="", help="Username of the person issuing it (default: the system)"
        )

    def handle(self, *args, **options):
        try:
            scopes = parse_scopes(options["scopes"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        if not scopes:
            raise CommandError("Give at least one scope with --scopes.")
        actor = self._actor(options["by"])
        try:
            client = ApiClient.objects.filter(name=options["integration"].strip()).first()
            if client is None:
                client = self._create_client(actor, options)
            issued = api_token_issue(
                actor=actor, client=client, scopes=scopes, days=options["days"], via=VIA
            )
        except ValidationError as error:
            raise CommandError(_problems(error)) from None
        token = issued.token
        self.stdout.write(
            f"Token for {client.name} (acting as {client.user.username}, "
            f"{client.user.get_role_display()}), scopes {', '.join(token.scopes)}, "
            f"expires {token.expires_at:%Y-%m-%d %H:%M %Z}.\n"
            "Copy it now: it is not shown again.\n"
        )
        self.stdout.write(issued.secret)

    def _actor(self, username: str) -> User:
        if not username:
            return system_actor()
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {username!r} for --by.")
        return user

    def _create_client(self, actor: User, options) -> ApiClient:
        if not options["role"]:
            raise CommandError("A new integration needs --role (and usually --team).")
        team = None
        if options["team"]:
            team = Team.objects.filter(name=options["team"]).first()
            if team is None:
                raise CommandError(f"No team called {options['team']!r}.")
        return api_client_create(
            actor=actor,
            name=options["integration"],
            organisation=options["organisation"],
            role=options["role"],
            team=team,
            via=VIA,
        )
