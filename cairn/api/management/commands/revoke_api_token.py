"""revoke_api_token PREFIX --reason TEXT [--by USERNAME]: stop an API token working (ADR 0026).
PREFIX is the start of the token (at least its first 14 characters, as printed on issue)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cairn.accounts.models import User
from cairn.accounts.services import system_actor
from cairn.api.models import ApiToken
from cairn.api.services import PREFIX_LENGTH, api_token_revoke


class Command(BaseCommand):
    help = "Revoke an API token."

    def add_arguments(self, parser):
        parser.add_argument("prefix", help="The token, or its first 14 characters")
        parser.add_argument("--reason", required=True)
        parser.add_argument("--by", default="", help="Username revoking it (default: system)")

    def handle(self, *args, **options):
        prefix = options["prefix"][:PREFIX_LENGTH]
        tokens = list(ApiToken.objects.filter(prefix=prefix, revoked_at__isnull=True))
        if len(tokens) != 1:
            raise CommandError(f"{len(tokens)} live tokens start {prefix!r}; expected one.")
        actor = system_actor()
        if options["by"]:
            actor = User.objects.filter(username=options["by"], is_active=True).first()
            if actor is None:
                raise CommandError(f"No active user {options['by']!r} for --by.")
        try:
            api_token_revoke(
                actor=actor, token=tokens[0], reason=options["reason"], via="revoke_api_token"
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(f"Revoked {tokens[0]}.")
