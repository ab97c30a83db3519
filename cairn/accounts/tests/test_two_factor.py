"""TOTP two-factor sign-in: setting up an app, the code step, and pages refused until then.

These tests use Django's plain Client (the suite's `client` fixture completes the second step
itself), so they drive the real pages."""

import importlib
import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from cairn.accounts.roles import Role
from cairn.testing.two_factor import code_for_device, code_for_secret, wrong_code

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
SIGN_IN = reverse("accounts:sign_in")
SET_UP = reverse("accounts:two_factor_enrol")
CODE = reverse("accounts:two_factor_verify")


@pytest.fixture(autouse=True)
def no_code_throttle(settings):
    # django-otp makes the user wait 1, 2, 4... seconds after each wrong code; these tests send
    # a right code straight after a wrong one (the throttle has its own test below).
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


@pytest.fixture
def worker(users):
    return users[Role.SOCIAL_WORKER]


@pytest.fixture
def browser():
    return Client()


def _password(browser, user, next_url=""):
    url = f"{SIGN_IN}?next={next_url}" if next_url else SIGN_IN
    return browser.post(url, {"username": user.username, "password": PASSWORD})


def _secret(page: str) -> str:
    return re.search(r'data-testid="totp-secret"[^>]*>([A-Z2-7 ]+)<', page).group(1)


def test_first_sign_in_sets_up_an_app_from_the_qr_code_or_secret(browser, worker):
    response = _password(browser, worker)
    assert response["Location"] == f"{SET_UP}?next=%2F"

    page = browser.get(response["Location"]).content.decode()
    assert "<svg" in page
    assert 'aria-label="QR code for your authenticator app"' in page
    secret = _secret(page)
    device = TOTPDevice.objects.get(user=worker)
    assert not device.confirmed
    # The same secret on a reload, until it is confirmed.
    assert _secret(browser.get(f"{SET_UP}?next=/").content.decode()) == secret

    response = browser.post(f"{SET_UP}?next=/", {"otp_token": code_for_secret(secret)})

    assert response["Location"] == "/"
    device.refresh_from_db()
    assert device.confirmed
    assert browser.get(reverse("home")).status_code == 200


def test_a_wrong_code_is_refused_and_a_right_one_accepted(browser, worker):
    device = TOTPDevice.objects.create(user=worker, name="App", confirmed=True)
    response = _password(browser, worker, next_url=reverse("people:search"))
    assert response["Location"] == f"{CODE}?next=%2Fpeople%2Fsearch%2F"

    refused = browser.post(response["Location"], {"otp_token": wrong_code(device)})
    assert refused.status_code == 200
    assert "The code is not correct" in refused.content.decode()
    assert browser.get(reverse("home"))["Location"].startswith(CODE)

    not_a_code = browser.post(response["Location"], {"otp_token": "12ab"})
    assert "Enter the 6-digit code from your authenticator app" in not_a_code.content.decode()

    accepted = browser.post(response["Location"], {"otp_token": code_for_device(device)})
    assert accepted["Location"] == reverse("people:search")
    assert browser.get(reverse("people:search")).status_code == 200


def test_a_code_cannot_be_used_twice(browser, worker):
    device = TOTPDevice.objects.create(user=worker, name="App", confirmed=True)
    _password(browser, worker)
    code = code_for_device(device)
    assert browser.post(CODE, {"otp_token": code}).status_code == 302

    other = Client()
    _password(other, worker)
    replay = other.post(CODE, {"otp_token": code})
    assert replay.status_code == 200
    assert "The code is not correct" in replay.content.decode()


def test_repeated_wrong_codes_make_the_user_wait(settings, browser, worker):
    settings.OTP_TOTP_THROTTLE_FACTOR = 1
    device = TOTPDevice.objects.create(user=worker, name="App", confirmed=True)
    _password(browser, worker)
    browser.post(CODE, {"otp_token": wrong_code(device)})
    response = browser.post(CODE, {"otp_token": code_for_device(device)})
    assert "Too many wrong codes. Wait" in response.content.decode()
    assert browser.get(reverse("home"))["Location"].startswith(CODE)


def test_an_unverified_session_cannot_reach_a_childs_record(browser, worker, child_in_north):
    TOTPDevice.objects.create(user=worker, name="App", confirmed=True)
    _password(browser, worker)
    child_page = reverse("casework:child_detail", args=[child_in_north.pk])

    response = browser.get(child_page)

    assert response.status_code == 302
    assert response["Location"] == f"{CODE}?next={child_page}"
    assert child_in_north.full_name not in browser.get(response["Location"]).content.decode()


def test_an_unverified_session_can_sign_out(browser, worker):
    _password(browser, worker)
    response = browser.post(reverse("accounts:sign_out"))
    assert response["Location"] == SIGN_IN
    assert "_auth_user_id" not in browser.session


def test_a_user_with_an_app_cannot_set_up_another_before_the_code(browser, worker):
    TOTPDevice.objects.create(user=worker, name="App", confirmed=True)
    _password(browser, worker)
    response = browser.get(f"{SET_UP}?next=/")
    assert response["Location"] == f"{CODE}?next=%2F"
    assert TOTPDevice.objects.filter(user=worker).count() == 1


def test_the_session_key_changes_when_the_code_is_accepted(browser, worker):
    device = TOTPDevice.objects.create(user=worker, name="App", confirmed=True)
    _password(browser, worker)
    before = browser.session.session_key
    browser.post(CODE, {"otp_token": code_for_device(device)})
    assert browser.session.session_key != before


def test_two_factor_is_required_by_the_test_and_production_settings(settings, monkeypatch):
    assert settings.CAIRN_REQUIRE_TWO_FACTOR is True
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("CAIRN_REQUIRE_TWO_FACTOR", "0")  # cannot turn it off in production
    importlib.reload(importlib.import_module("cairn.settings.base"))  # reads the environment
    production = importlib.reload(importlib.import_module("cairn.settings.production"))
    assert production.CAIRN_REQUIRE_TWO_FACTOR is True


def test_the_demo_settings_turn_two_factor_off(monkeypatch):
    monkeypatch.delenv("CAIRN_REQUIRE_TWO_FACTOR", raising=False)
    dev = importlib.reload(importlib.import_module("cairn.settings.dev"))
    assert dev.CAIRN_REQUIRE_TWO_FACTOR is False


def test_the_test_client_completes_the_second_step_for_other_tests(client, worker):
    client.force_login(worker)
    assert client.get(reverse("home")).status_code == 200
