"""A leaver loses access on their leaving date: sign-in refused (and logged), an existing
session stops working, their scope is none; `deactivate_leavers` closes accounts with an
audit record by the system actor (ADR 0013)."""

import datetime as dt
import logging

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from cairn.accounts.roles import Role, Scope
from cairn.accounts.selectors import child_scope
from cairn.accounts.services import system_actor
from cairn.core.models import AuditAction
from cairn.testing.audit import assert_audited
from cairn.testing.factories import UserFactory
from cairn.testing.staff_factories import StaffRecordFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
LEAVING = dt.date(2026, 3, 20)


@pytest.fixture
def leaver(users):
    user = users[Role.SOCIAL_WORKER]
    StaffRecordFactory(user=user, left_on=LEAVING)
    return user


def test_signs_in_until_the_day_before_leaving(settings, client, leaver):
    settings.CAIRN_TODAY = "2026-03-19"
    assert client.login(username=leaver.username, password=PASSWORD)


def test_sign_in_is_refused_and_logged_on_the_leaving_date(settings, client, leaver, caplog):
    settings.CAIRN_TODAY = LEAVING.isoformat()
    with caplog.at_level(logging.WARNING, logger="cairn.accounts.sign_in"):
        response = client.post(
            reverse("accounts:sign_in"), {"username": leaver.username, "password": PASSWORD}
        )
    assert response.status_code == 200  # the form again, with its error
    assert "_auth_user_id" not in client.session
    assert f"Refused sign-in for {leaver.username}: left on 2026-03-20" in caplog.text


def test_an_existing_session_stops_working_on_the_leaving_date(settings, client, leaver):
    settings.CAIRN_TODAY = "2026-03-19"
    client.force_login(leaver)
    assert client.get(reverse("home")).status_code == 200
    settings.CAIRN_TODAY = LEAVING.isoformat()
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:sign_in"))


def test_a_leaver_sees_no_children(settings, leaver, child_in_north):
    settings.CAIRN_TODAY = "2026-03-19"
    assert child_scope(user=leaver) == Scope.OWN_TEAM
    settings.CAIRN_TODAY = LEAVING.isoformat()
    leaver.refresh_from_db()
    assert child_scope(user=leaver) == Scope.NONE
    assert not leaver.has_perm("casework.view_record", child_in_north)


def test_deactivate_leavers_closes_their_accounts_with_an_audit_record(leaver, users):
    stays = users[Role.SENIOR_PRACTITIONER]
    StaffRecordFactory(user=stays)
    later = UserFactory(username="later")
    StaffRecordFactory(user=later, left_on=dt.date(2026, 4, 30))

    call_command("deactivate_leavers", "--as-of", "2026-03-20")

    leaver.refresh_from_db()
    stays.refresh_from_db()
    later.refresh_from_db()
    assert (leaver.is_active, stays.is_active, later.is_active) == (False, True, True)
    event = assert_audited(
        instance=leaver, action=AuditAction.UPDATE, actor=system_actor(), fields={"is_active"}
    )
    assert event.via == "deactivate_leavers"
    assert event.changes == {"is_active": [True, False]}


def test_deactivate_leavers_refuses_a_bad_date():
    with pytest.raises(CommandError, match="--as-of must be a date as YYYY-MM-DD"):
        call_command("deactivate_leavers", "--as-of", "20/03/2026")
