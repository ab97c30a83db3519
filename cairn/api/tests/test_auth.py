"""Tokens (ADR 0026): only a hash is stored; no, wrong, expired or revoked token -> 401; a token
without the call's scope -> 403; issuing and revoking are audited; the commands work."""

import datetime as dt
import hashlib
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from cairn.accounts.roles import Role
from cairn.accounts.services import system_actor
from cairn.api.models import ApiClient, ApiToken
from cairn.api.scopes import ApiScope
from cairn.api.services import api_token_revoke
from cairn.api.tests.conftest import client_with
from cairn.core.models import AuditAction, AuditEvent
from cairn.testing.audit import assert_audited

pytestmark = pytest.mark.django_db

SEARCH = "/api/children/?q=Okafor"


def test_no_token_is_401_with_a_challenge():
    response = client_with(None).get(SEARCH)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["status"] == 401


@pytest.mark.parametrize(
    "header",
    [
        "Bearer cairn_not-a-real-token",
        "Bearer",
        "Basic dXNlcjpwYXNz",
        "Bearer a b",
        "Bearer " + "x" * 500,
    ],
)
def test_a_wrong_token_is_401(issue_token, header):
    issue_token()
    api = client_with(None)
    api.credentials(HTTP_AUTHORIZATION=header)
    assert api.get(SEARCH).status_code == 401


def test_an_expired_token_is_401(issue_token, time_machine):
    token, secret = issue_token(days=1)
    time_machine.move_to(token.expires_at + dt.timedelta(seconds=1))
    response = client_with(secret).get(SEARCH)
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]


def test_a_revoked_token_is_401_and_the_revocation_is_audited(issue_token):
    token, secret = issue_token()
    assert client_with(secret).get(SEARCH).status_code == 200
    actor = system_actor()
    revoked = api_token_revoke(actor=actor, token=token, reason="Partner contract ended")
    assert_audited(instance=revoked, action=AuditAction.UPDATE, actor=actor, fields={"revoked_at"})
    response = client_with(secret).get(SEARCH)
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]


def test_a_closed_service_account_is_401(issue_token):
    token, secret = issue_token()
    user = token.client.user
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert client_with(secret).get(SEARCH).status_code == 401


@pytest.mark.parametrize(
    ("method", "url", "scope"),
    [
        ("get", SEARCH, ApiScope.CHILDREN_READ),
        ("get", "/api/children/1/", ApiScope.CHILDREN_READ),
        ("get", "/api/children/1/plans/", ApiScope.PLANS_READ),
        ("get", "/api/children/1/alerts/", ApiScope.ALERTS_READ),
        ("get", "/api/alerts/", ApiScope.ALERTS_READ),
        ("post", "/api/contacts/", ApiScope.CONTACTS_WRITE),
        ("get", "/api/returns/runs/", ApiScope.RETURNS_READ),
        ("get", "/api/returns/runs/1/", ApiScope.RETURNS_READ),
        ("get", "/api/returns/runs/1/file/", ApiScope.RETURNS_READ),
    ],
)
def test_a_token_without_the_scope_is_403(issue_token, method, url, scope):
    others = [s for s in ApiScope.values if s != scope]
    _, secret = issue_token(Role.PERFORMANCE_ANALYST, scopes=others)
    response = getattr(client_with(secret), method)(url, {}, format="json")
    assert response.status_code == 403
    assert scope in response.json()["detail"]


def test_only_a_hash_of_the_token_is_stored_and_issue_is_audited(issue_token):
    token, secret = issue_token()
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {stored.key_hash, stored.prefix}
    assert secret.startswith(stored.prefix)
    assert_audited(instance=stored, action=AuditAction.CREATE, actor=system_actor())
    assert not AuditEvent.objects.filter(changes__icontains=secret).exists()
    client = token.client
    assert_audited(instance=client, action=AuditAction.CREATE, actor=system_actor())
    assert not client.user.has_usable_password()  # the service user cannot sign in to pages


def test_last_used_is_recorded(issue_token):
    token, secret = issue_token()
    assert token.last_used_at is None
    client_with(secret).get(SEARCH)
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_the_schema_is_public_json():
    response = client_with(None).get(reverse("api:schema"))
    assert response.status_code == 200
    assert response["Content-Type"].split(";")[0].endswith("json")
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/children/{id}/" in schema["paths"]


def test_create_api_token_command_issues_a_working_token(teams):
    out = io.StringIO()
    call_command(
        "create_api_token",
        "--integration=Police referral portal",
        "--role=social_worker",
        "--team=North locality",
        "--scopes=children:read,contacts:write",
        "--days=30",
        stdout=out,
    )
    secret = out.getvalue().strip().splitlines()[-1]
    client = ApiClient.objects.get(name="Police referral portal")
    assert client.user.role == Role.SOCIAL_WORKER
    assert client.user.team == teams["north"]
    token = client.tokens.get()
    assert token.scopes == ["children:read", "contacts:write"]
    assert client_with(secret).get(SEARCH).status_code == 200
    # A second token for the same integration reuses it.
    call_command(
        "create_api_token",
        "--integration=Police referral portal",
        "--scopes=children:read",
        stdout=io.StringIO(),
    )
    assert client.tokens.count() == 2
    call_command("revoke_api_token", secret, "--reason=Rotated", stdout=io.StringIO())
    assert client_with(secret).get(SEARCH).status_code == 401


@pytest.mark.parametrize(
    "args",
    [
        ["--integration=X", "--scopes=children:write", "--role=social_worker"],
        ["--integration=X", "--scopes=children:read"],  # a new integration needs a role
        ["--integration=X", "--scopes=children:read", "--role=social_worker", "--team=Nowhere"],
        ["--integration=X", "--scopes=children:read", "--role=social_worker", "--days=0"],
    ],
)
def test_create_api_token_refuses_bad_input(teams, args):
    with pytest.raises(CommandError):
        call_command("create_api_token", *args, stdout=io.StringIO())
    assert not ApiToken.objects.exists()
