"""The integrations and token pages (issue 11): who may open them, issuing a token (shown once,
stored as a hash), revoking it (the API then answers 401), and bad input writing nothing."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from cairn.accounts.roles import Role
from cairn.accounts.services import system_actor
from cairn.api.models import ApiClient, ApiToken
from cairn.api.services import api_client_create, api_token_issue, token_hash
from cairn.api.tests.conftest import client_with
from cairn.core import clock
from cairn.core.models import AuditEvent

pytestmark = pytest.mark.django_db

STAFF_ROLES = [role for role in Role if role != Role.SYSTEM]
SECRET = re.compile(r"cairn_[A-Za-z0-9_-]{43}")


@pytest.fixture
def partner(teams):
    return api_client_create(
        actor=system_actor(),
        name="Fernbridge Police portal",
        organisation="Fernbridge Police (synthetic)",
        role=Role.SOCIAL_WORKER,
        team=teams["north"],
    )


@pytest.fixture
def live_token(partner):
    return api_token_issue(actor=system_actor(), client=partner, scopes=["children:read"])


@pytest.fixture
def admin_client(client, users):
    client.force_login(users[Role.SYSTEM_ADMIN])
    return client


def _date(name: str, day: dt.date) -> dict:
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def _issue_data(scopes=("children:read", "plans:read"), days=30) -> dict:
    return {"scopes": list(scopes), **_date("expires_on", clock.today() + dt.timedelta(days))}


def _expected(name: str, role: Role) -> int:
    allowed = {Role.SYSTEM_ADMIN} | ({Role.IG_OFFICER} if name == "list" else set())
    return 200 if role in allowed else 403


@pytest.mark.parametrize("role", STAFF_ROLES, ids=lambda r: r.value)
def test_each_page_is_open_only_to_its_roles(client, users, role, partner, live_token):
    client.force_login(users[role])
    urls = {
        "list": reverse("integrations:list"),
        "client_create": reverse("integrations:client_create"),
        "token_issue": reverse("integrations:token_issue", args=[partner.pk]),
        "token_revoke": reverse("integrations:token_revoke", args=[live_token.token.pk]),
    }
    for name, url in urls.items():
        assert client.get(url).status_code == _expected(name, role), name
    # Nor can a refused role write by POSTing.
    if role != Role.SYSTEM_ADMIN:
        response = client.post(urls["token_issue"], _issue_data())
        assert response.status_code == 403
        response = client.post(urls["token_revoke"], {"reason": "Try"})
        assert response.status_code == 403
        assert ApiToken.objects.count() == 1
        assert ApiToken.objects.get().revoked_at is None


def test_the_list_shows_each_integration_and_its_tokens_but_no_secret(
    admin_client, partner, live_token
):
    body = admin_client.get(reverse("integrations:list")).content.decode()
    assert "Fernbridge Police portal" in body
    assert live_token.token.prefix in body
    assert "children:read" in body
    assert "Never" in body  # not used yet
    assert live_token.secret not in body
    assert live_token.token.key_hash not in body


def test_ig_officers_see_the_list_without_the_buttons(client, users, partner, live_token):
    client.force_login(users[Role.IG_OFFICER])
    body = client.get(reverse("integrations:list")).content.decode()
    assert live_token.token.prefix in body
    assert reverse("integrations:token_issue", args=[partner.pk]) not in body
    assert reverse("integrations:token_revoke", args=[live_token.token.pk]) not in body


def test_creating_an_integration_makes_its_service_user_and_is_audited(admin_client, users, teams):
    response = admin_client.post(
        reverse("integrations:client_create"),
        {"name": "Health visiting portal", "role": Role.TEAM_MANAGER, "team": teams["north"].pk},
    )
    client = ApiClient.objects.get(name="Health visiting portal")
    assert response.status_code == 302
    assert response["Location"] == reverse("integrations:token_issue", args=[client.pk])
    assert client.user.role == Role.TEAM_MANAGER
    assert client.user.team == teams["north"]
    assert not client.user.has_usable_password()
    event = AuditEvent.objects.get(content_type__model="apiclient", object_id=str(client.pk))
    assert event.actor == users[Role.SYSTEM_ADMIN]


def test_a_duplicate_integration_name_is_a_field_error(admin_client, partner):
    response = admin_client.post(
        reverse("integrations:client_create"),
        {"name": partner.name, "role": Role.SOCIAL_WORKER},
    )
    assert response.status_code == 200
    assert "There is already an integration called" in response.content.decode()
    assert "name" in response.context["form"].errors
    assert ApiClient.objects.count() == 1


def test_issuing_shows_the_token_once_and_stores_only_its_hash(admin_client, users, partner):
    url = reverse("integrations:token_issue", args=[partner.pk])
    response = admin_client.post(url, _issue_data())
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    secrets_shown = set(SECRET.findall(body))
    assert len(secrets_shown) == 1
    secret = secrets_shown.pop()
    token = ApiToken.objects.get()
    assert token.key_hash == token_hash(secret)
    assert secret not in {token.key_hash, token.prefix}
    assert token.scopes == ["children:read", "plans:read"]
    assert token.created_by == users[Role.SYSTEM_ADMIN]
    assert token.expires_at.date() - clock.today() in {dt.timedelta(29), dt.timedelta(30)}
    # Stored nowhere in the clear: not on the token, not in its audit row.
    event = AuditEvent.objects.get(content_type__model="apitoken", object_id=str(token.pk))
    assert event.actor == users[Role.SYSTEM_ADMIN]
    assert secret not in str(event.changes)
    # A second look (the list, the issue page again) never shows it.
    for again in (reverse("integrations:list"), url):
        assert secret not in admin_client.get(again).content.decode()
    # And it works on the API.
    api = client_with(secret).get("/api/children/", {"q": "Smith"})
    assert api.status_code == 200


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"scopes": [], **_date("expires_on", dt.date(2099, 1, 1))}, "scopes"),
        ({"scopes": ["children:read"], **_date("expires_on", dt.date(2020, 1, 1))}, "expires_on"),
        ({"scopes": ["children:read"], **_date("expires_on", dt.date(2099, 1, 1))}, "expires_on"),
        ({"scopes": ["everything"], **_date("expires_on", dt.date(2099, 1, 1))}, "scopes"),
        ({"scopes": ["children:read"]}, "expires_on"),
    ],
    ids=["no-scopes", "expiry-in-the-past", "expiry-too-far", "unknown-scope", "no-expiry"],
)
def test_bad_input_is_a_field_error_and_writes_nothing(admin_client, partner, data, field):
    events = AuditEvent.objects.count()
    response = admin_client.post(reverse("integrations:token_issue", args=[partner.pk]), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert "govuk-error-summary" in response.content.decode()
    assert not SECRET.search(response.content.decode())
    assert ApiToken.objects.count() == 0
    assert AuditEvent.objects.count() == events


def test_today_is_not_a_valid_expiry(admin_client, partner):
    data = {"scopes": ["children:read"], **_date("expires_on", clock.today())}
    response = admin_client.post(reverse("integrations:token_issue", args=[partner.pk]), data)
    assert "The expiry date must be in the future" in response.content.decode()
    assert ApiToken.objects.count() == 0


def test_revoking_asks_for_a_reason_then_the_api_refuses_the_token(admin_client, users, live_token):
    api = client_with(live_token.secret)
    assert api.get("/api/children/", {"q": "Smith"}).status_code == 200
    url = reverse("integrations:token_revoke", args=[live_token.token.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    assert "Revoke the token" in page.content.decode()

    refused = admin_client.post(url, {"reason": "  "})
    assert refused.status_code == 200
    assert "reason" in refused.context["form"].errors
    live_token.token.refresh_from_db()
    assert live_token.token.revoked_at is None

    response = admin_client.post(url, {"reason": "The portal is being replaced"})
    assert response.status_code == 302
    assert response["Location"] == reverse("integrations:list")
    token = ApiToken.objects.get(pk=live_token.token.pk)
    assert token.revoked_at is not None
    assert token.revoked_by == users[Role.SYSTEM_ADMIN]
    assert token.revocation_reason == "The portal is being replaced"
    assert AuditEvent.objects.filter(
        content_type__model="apitoken", object_id=str(token.pk), action="update"
    ).exists()
    answer = api.get("/api/children/", {"q": "Smith"})
    assert answer.status_code == 401
    assert "revoked" in answer.json()["detail"]
    listed = admin_client.get(reverse("integrations:list")).content.decode()
    assert "Revoked" in listed
    assert "The portal is being replaced" in listed


def test_a_revoked_token_cannot_be_revoked_again(admin_client, live_token):
    url = reverse("integrations:token_revoke", args=[live_token.token.pk])
    admin_client.post(url, {"reason": "Replaced"})
    response = admin_client.post(url, {"reason": "Again"})
    assert response.status_code == 200
    assert "This token was revoked" in response.content.decode()
    assert ApiToken.objects.get().revocation_reason == "Replaced"


def test_unknown_ids_are_404(admin_client):
    assert admin_client.get(reverse("integrations:token_issue", args=[999])).status_code == 404
    assert admin_client.get(reverse("integrations:token_revoke", args=[999])).status_code == 404
