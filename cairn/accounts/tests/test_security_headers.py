"""Security headers on every page: CSP (with the per-request nonce on GOV.UK Frontend's inline
scripts), nosniff, Referrer-Policy, X-Frame-Options, Permissions-Policy, COOP; HSTS and secure
cookies in production."""

import importlib
import re

import pytest
from django.test import Client
from django.urls import reverse

from cairn.accounts.roles import Role

pytestmark = pytest.mark.django_db


def _assert_security_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy
    csp = dict(
        (part.split(" ", 1) + [""])[:2]
        for part in (p.strip() for p in response["Content-Security-Policy"].split(";"))
        if part
    )
    assert csp["default-src"] == "'self'"
    assert csp["object-src"] == "'none'"
    assert csp["frame-ancestors"] == "'none'"
    assert csp["form-action"] == "'self'"
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", csp["script-src"]).group(1)
    # Both inline scripts of base.html carry this response's nonce, and no inline script lacks it.
    page = response.content.decode()
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", page)
    assert len(inline) == 2
    assert all(f'nonce="{nonce}"' in attrs for attrs in inline)
    return nonce


def test_the_sign_in_page_sends_every_security_header():
    response = Client().get(reverse("accounts:sign_in"))
    assert response.status_code == 200
    _assert_security_headers(response)


def test_a_signed_in_page_sends_every_security_header(client, users, child_in_north):
    client.force_login(users[Role.SOCIAL_WORKER])
    response = client.get(reverse("casework:child_detail", args=[child_in_north.pk]))
    assert response.status_code == 200
    _assert_security_headers(response)
    assert response["Cache-Control"] == "no-store"  # a child's record is not cached


def test_each_response_has_its_own_nonce():
    first = _assert_security_headers(Client().get(reverse("accounts:sign_in")))
    second = _assert_security_headers(Client().get(reverse("accounts:sign_in")))
    assert first != second


def test_cookies_are_http_only_and_same_site(users):
    browser = Client()
    browser.get(reverse("accounts:sign_in"))
    csrf = browser.cookies["csrftoken"]
    assert csrf["samesite"] == "Lax"
    assert csrf["httponly"]
    response = browser.post(
        reverse("accounts:sign_in"),
        {"username": users[Role.SOCIAL_WORKER].username, "password": "correct-horse-battery"},
    )
    session = response.cookies["sessionid"]
    assert session["httponly"]
    assert session["samesite"] == "Lax"


def test_production_sets_hsts_and_secure_cookies(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    importlib.reload(importlib.import_module("cairn.settings.base"))  # reads the environment
    production = importlib.reload(importlib.import_module("cairn.settings.production"))
    assert production.SESSION_COOKIE_SECURE is True
    assert production.CSRF_COOKIE_SECURE is True
    assert production.SECURE_SSL_REDIRECT is True
    assert production.SECURE_HSTS_SECONDS == 60 * 60 * 24 * 365
    assert production.SECURE_HSTS_INCLUDE_SUBDOMAINS is True


def test_hsts_is_sent_when_configured(settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = Client().get(reverse("accounts:sign_in"), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_passwords_must_be_long_uncommon_not_numeric_and_unlike_the_user(users):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    user = users[Role.SOCIAL_WORKER]
    for weak in ("short-pw1", "password1234", "123456789012", f"{user.username}1"):
        with pytest.raises(ValidationError):
            validate_password(weak, user=user)
    validate_password("heather-granite-lantern", user=user)
