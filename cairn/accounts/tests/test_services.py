"""Writes to accounts: teams and staff accounts, each audited."""

import pytest
from django.core.exceptions import ValidationError

from cairn.accounts.models import Team, User
from cairn.accounts.roles import Role, TeamKind
from cairn.accounts.services import team_create, user_create
from cairn.core.audit import MissingActorError
from cairn.core.models import AuditAction, AuditEvent
from cairn.testing.audit import assert_audited

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(users):
    return users[Role.SYSTEM_ADMIN]


def test_team_create_is_audited(admin, teams):
    team = team_create(
        actor=admin,
        name="East locality",
        kind=TeamKind.CIN_CP,
        parent=teams["service"],
        caseload_threshold=18,
    )
    assert Team.objects.get(name="East locality").parent == teams["service"]
    event = assert_audited(instance=team, action=AuditAction.CREATE, actor=admin)
    assert event.changes["name"] == [None, "East locality"]
    assert event.changes["parent_id"] == [None, teams["service"].pk]
    assert event.person is None


def test_team_create_refuses_a_duplicate_name_and_writes_nothing(admin, teams):
    before = (Team.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError) as error:
        team_create(actor=admin, name="North locality", kind=TeamKind.CIN_CP)
    assert "name" in error.value.message_dict
    assert (Team.objects.count(), AuditEvent.objects.count()) == before


def test_team_create_refuses_without_an_actor(teams):
    with pytest.raises(MissingActorError):
        team_create(actor=None, name="West locality", kind=TeamKind.CIN_CP)
    assert not Team.objects.filter(name="West locality").exists()


def test_user_create_is_audited_without_the_password(admin, teams):
    user = user_create(
        actor=admin,
        username="jbloggs",
        first_name="Jo",
        last_name="Bloggs",
        role=Role.SENIOR_PRACTITIONER,
        team=teams["south"],
        password="a-long-enough-password",
    )

    user.refresh_from_db()
    assert user.check_password("a-long-enough-password")
    assert (user.role, user.team) == (Role.SENIOR_PRACTITIONER, teams["south"])
    event = assert_audited(instance=user, action=AuditAction.CREATE, actor=admin)
    assert event.changes["username"] == [None, "jbloggs"]
    assert event.changes["role"] == [None, Role.SENIOR_PRACTITIONER]
    assert "password" not in event.changes
    assert user.password not in str(event.changes)


def test_user_create_without_a_password_cannot_sign_in(admin, teams):
    user = user_create(
        actor=admin,
        username="nopass",
        first_name="No",
        last_name="Password",
        role=Role.SOCIAL_WORKER,
        team=teams["north"],
    )
    assert not user.has_usable_password()


def test_user_create_refuses_an_unknown_role(admin, teams):
    before = (User.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError) as error:
        user_create(
            actor=admin,
            username="wizard",
            first_name="A",
            last_name="Wizard",
            role="wizard",
            team=teams["north"],
        )
    assert "role" in error.value.message_dict
    assert (User.objects.count(), AuditEvent.objects.count()) == before
