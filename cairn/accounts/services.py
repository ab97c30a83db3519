"""Writes to accounts: the system actor and creating staff accounts."""

from django.db import transaction

from cairn.accounts.models import Team, User
from cairn.accounts.roles import Role
from cairn.core.audit import audit_created

SYSTEM_USERNAME = "system"


def system_actor() -> User:
    """The actor recorded for jobs and imports. It cannot sign in."""
    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={
            "role": Role.SYSTEM,
            "first_name": "Cairn",
            "last_name": "system",
            "is_active": False,
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def team_create(
    *,
    actor: User,
    name: str,
    kind: str,
    parent: Team | None = None,
    caseload_threshold: int = 20,
    via: str = "web",
) -> Team:
    team = Team(name=name, kind=kind, parent=parent, caseload_threshold=caseload_threshold)
    team.full_clean()
    team.save()
    audit_created(actor=actor, instance=team, via=via)
    return team


@transaction.atomic
def user_create(
    *,
    actor: User,
    username: str,
    first_name: str,
    last_name: str,
    role: str,
    team: Team | None,
    password: str | None = None,
    manager: User | None = None,
    via: str = "web",
) -> User:
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=f"{username}@example.invalid",
        role=role,
        team=team,
        manager=manager,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    audit_created(actor=actor, instance=user, via=via)
    return user
