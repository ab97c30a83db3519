"""Signing in and out, and sessions that end after a period of inactivity."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from cairn.accounts.roles import Role
from cairn.accounts.services import system_actor

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"  # the factories' password
SIGN_IN = reverse("accounts:sign_in")
SET_UP_APP = reverse("accounts:two_factor_enrol")


@pytest.fixture
def worker(users):
    return users[Role.SOCIAL_WORKER]


def _sign_in(client, username, password=PASSWORD, **extra):
    return client.post(SIGN_IN, {"username": username, "password": password}, **extra)


def test_the_sign_in_page_is_open_to_anonymous_users(client):
    response = client.get(SIGN_IN)
    assert response.status_code == 200
    assert "Sign in to Cairn" in response.content.decode()


def test_a_right_password_leads_to_the_second_step_not_home(client, worker):
    response = _sign_in(client, worker.username)
    assert response.status_code == 302
    assert response["Location"] == f"{SET_UP_APP}?next=%2F"
    assert client.get(reverse("home"))["Location"].startswith(SET_UP_APP)


def test_sign_in_returns_to_the_page_asked_for_after_the_second_step(client, worker):
    search = reverse("people:search")
    response = client.post(
        f"{SIGN_IN}?next={search}", {"username": worker.username, "password": PASSWORD}
    )
    assert response["Location"] == f"{SET_UP_APP}?next=%2Fpeople%2Fsearch%2F"


def test_sign_in_does_not_redirect_off_site(client, worker):
    response = client.post(
        f"{SIGN_IN}?next=https://evil.example/", {"username": worker.username, "password": PASSWORD}
    )
    assert response["Location"] == f"{SET_UP_APP}?next=%2F"


def test_without_two_factor_a_right_password_goes_home(settings, client, worker):
    settings.CAIRN_REQUIRE_TWO_FACTOR = False  # the demo settings
    response = _sign_in(client, worker.username)
    assert response["Location"] == reverse("home")
    assert client.get(reverse("home")).context["user"] == worker


@pytest.mark.parametrize(
    ("username", "password"), [("social_worker", "wrong-password"), ("nobody", PASSWORD)]
)
def test_wrong_credentials_show_the_error_summary(client, users, username, password):
    response = _sign_in(client, username, password)

    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "Enter a correct username and password" in page
    assert "_auth_user_id" not in client.session


def test_blank_fields_name_each_field(client):
    page = _sign_in(client, "", "").content.decode()
    assert "Enter your username" in page
    assert "Enter your password" in page


def test_the_system_actor_cannot_sign_in(client, db):
    actor = system_actor()
    actor.set_password(PASSWORD)
    actor.save()
    response = _sign_in(client, actor.username)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_sign_out_is_post_only(client, worker):
    client.force_login(worker)

    assert client.get(reverse("accounts:sign_out")).status_code == 405
    assert client.get(reverse("home")).status_code == 200  # still signed in

    response = client.post(reverse("accounts:sign_out"))
    assert response.status_code == 302
    assert response["Location"] == SIGN_IN
    assert client.get(reverse("home")).status_code == 302


def test_session_settings_end_idle_sessions():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_COOKIE_HTTPONLY is True
    assert settings.CSRF_COOKIE_HTTPONLY is True
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"
    assert settings.CSRF_COOKIE_SAMESITE == "Lax"


def test_a_session_ends_after_the_idle_timeout_and_activity_renews_it(client, worker):
    idle = dt.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    home = reverse("home")
    with time_machine.travel(dt.datetime(2026, 3, 16, 9, 0, tzinfo=dt.UTC), tick=False) as clock:
        client.force_login(worker)

        clock.shift(idle - dt.timedelta(minutes=1))
        assert client.get(home).status_code == 200  # activity renews the session

        clock.shift(idle - dt.timedelta(minutes=1))
        assert client.get(home).status_code == 200  # still within the renewed window

        clock.shift(idle + dt.timedelta(minutes=1))
        response = client.get(home)
        assert response.status_code == 302
        assert response["Location"].startswith(SIGN_IN)
