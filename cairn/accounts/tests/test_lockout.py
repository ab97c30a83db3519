"""Throttling and lockout: 5 failed sign-ins for an account, or from an address, lock it for
15 minutes; each failure and the lockout are recorded (django-axes) and logged."""

import datetime as dt
import logging

import pytest
import time_machine
from axes.models import AccessAttempt, AccessFailureLog
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from cairn.accounts.roles import Role
from cairn.testing.two_factor import code_for_device, wrong_code

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
SIGN_IN = reverse("accounts:sign_in")
CODE = reverse("accounts:two_factor_verify")
LOCKED = "Your account is locked because of too many failed sign-in attempts"
START = dt.datetime(2026, 3, 16, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def no_code_throttle(settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


@pytest.fixture
def worker(users):
    return users[Role.SOCIAL_WORKER]


def _sign_in(browser, username, password, ip="10.0.0.1"):
    return browser.post(SIGN_IN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def _fail(browser, username, times, ip="10.0.0.1"):
    return [_sign_in(browser, username, "wrong-password-1", ip).status_code for _ in range(times)]


def test_five_wrong_passwords_lock_the_account_even_with_the_right_one(worker, caplog):
    browser = Client()
    with caplog.at_level(logging.WARNING, logger="cairn.accounts.sign_in"):
        statuses = _fail(browser, worker.username, 5)

    assert statuses == [200, 200, 200, 200, 429]
    response = _sign_in(browser, worker.username, PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert LOCKED in page
    assert "Try again in 15 minutes" in page
    assert "govuk-error-summary" in page
    assert "_auth_user_id" not in browser.session
    # Each failure is a row; the fifth is marked as the one that locked.
    failures = AccessFailureLog.objects.filter(username=worker.username).order_by("attempt_time")
    assert [f.locked_out for f in failures] == [False, False, False, False, True]
    assert AccessAttempt.objects.get(username=worker.username).failures_since_start == 5
    assert f"Sign-in locked for {worker.username} from 10.0.0.1 after 5 failures" in caplog.text
    # The password was not stored with the attempt.
    assert "wrong-password-1" not in AccessAttempt.objects.get().post_data


def test_the_lock_is_per_account_from_any_address(worker):
    _fail(Client(), worker.username, 5, ip="10.0.0.1")
    response = _sign_in(Client(), worker.username, PASSWORD, ip="10.9.9.9")
    assert response.status_code == 429


def test_the_lock_is_per_address_whatever_the_username(users, worker):
    browser = Client()
    for n in range(5):
        _sign_in(browser, f"guess-{n}", "wrong-password-1", ip="10.6.6.6")

    other = users[Role.TEAM_MANAGER]
    assert _sign_in(Client(), other.username, PASSWORD, ip="10.6.6.6").status_code == 429
    # Staff signing in from elsewhere are not affected.
    assert _sign_in(Client(), other.username, PASSWORD, ip="10.0.0.2").status_code == 302


def test_the_lock_ends_after_15_minutes(worker):
    with time_machine.travel(START, tick=False) as clock:
        _fail(Client(), worker.username, 5)
        clock.shift(dt.timedelta(minutes=14))
        assert _sign_in(Client(), worker.username, PASSWORD).status_code == 429
        clock.shift(dt.timedelta(minutes=16))
        assert _sign_in(Client(), worker.username, PASSWORD).status_code == 302


def test_fewer_failures_do_not_lock(worker):
    assert _fail(Client(), worker.username, 4) == [200] * 4
    assert _sign_in(Client(), worker.username, PASSWORD).status_code == 302


def test_wrong_two_factor_codes_count_and_lock_and_sign_out(worker):
    device = TOTPDevice.objects.create(user=worker, name="App", confirmed=True)
    browser = Client()
    assert _sign_in(browser, worker.username, PASSWORD).status_code == 302
    responses = [
        browser.post(CODE, {"otp_token": wrong_code(device)}, REMOTE_ADDR="10.0.0.1")
        for _ in range(5)
    ]

    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]
    assert LOCKED in responses[-1].content.decode()
    assert "_auth_user_id" not in browser.session  # signed out
    assert AccessFailureLog.objects.filter(username=worker.username, locked_out=True).exists()
    # Neither a new password sign-in nor the right code gets in while locked.
    assert _sign_in(Client(), worker.username, PASSWORD).status_code == 429


def test_a_completed_sign_in_clears_the_accounts_failures(worker):
    device = TOTPDevice.objects.create(user=worker, name="App", confirmed=True)
    browser = Client()
    _fail(browser, worker.username, 3)
    _sign_in(browser, worker.username, PASSWORD)
    browser.post(CODE, {"otp_token": code_for_device(device)}, REMOTE_ADDR="10.0.0.1")

    assert not AccessAttempt.objects.filter(username=worker.username).exists()
    assert AccessFailureLog.objects.filter(username=worker.username).count() == 3  # kept
