"""Fixtures for the API tests: a token for an integration acting in any role, a client that
sends it, and a clean throttle for every test (the counts live in Django's cache)."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from cairn.accounts.roles import Role
from cairn.accounts.services import system_actor
from cairn.api.scopes import ALL_SCOPES
from cairn.api.services import api_client_create, api_token_issue


@pytest.fixture(autouse=True)
def _clear_throttle():
    cache.clear()
    yield
    cache.clear()


TEAM_FOR_ROLE = {
    Role.SOCIAL_WORKER: "north",
    Role.SENIOR_PRACTITIONER: "north",
    Role.TEAM_MANAGER: "north",
    Role.SERVICE_MANAGER: "service",
}


@pytest.fixture
def issue_token(teams):
    """issue_token(role, scopes=ALL_SCOPES, days=90) -> (ApiToken, secret): a new integration
    whose service user has `role` (in the North team, or its service, as the page tests'
    users are)."""
    made = {"n": 0}

    def issue(role=Role.SOCIAL_WORKER, scopes=ALL_SCOPES, days=90, team=None):
        made["n"] += 1
        team = team or teams.get(TEAM_FOR_ROLE.get(role, ""))
        client = api_client_create(
            actor=system_actor(),
            name=f"Partner {made['n']} ({role})",
            organisation="Fernbridge Police (synthetic)",
            role=role,
            team=team,
        )
        issued = api_token_issue(
            actor=system_actor(), client=client, scopes=list(scopes), days=days
        )
        return issued.token, issued.secret

    return issue


def client_with(secret: str | None) -> APIClient:
    api = APIClient()
    if secret:
        api.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return api


@pytest.fixture
def api_as(issue_token):
    """api_as(role, scopes=ALL_SCOPES) -> an APIClient sending a fresh token for that role;
    `.token` is the ApiToken and `.user` the service user."""

    def make(role=Role.SOCIAL_WORKER, scopes=ALL_SCOPES, **kwargs):
        token, secret = issue_token(role, scopes, **kwargs)
        api = client_with(secret)
        api.token = token
        api.user = token.client.user
        return api

    return make
