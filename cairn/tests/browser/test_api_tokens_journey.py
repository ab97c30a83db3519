"""A system administrator creates an integration, issues it a token (shown once) and revokes it,
all without JavaScript-only steps; the list and issue pages (with their errors) pass axe."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from cairn.accounts.roles import Role
from cairn.api.models import ApiToken
from cairn.api.services import token_hash
from cairn.core import clock
from cairn.tests.browser.helpers import check_page, fill_date, open_oversight_page, sign_in

pytestmark = pytest.mark.browser


def test_an_administrator_issues_and_revokes_a_token(page, users, teams):
    admin = users[Role.SYSTEM_ADMIN]
    sign_in(page, admin.username)
    open_oversight_page(page, "API integrations")
    expect(page.get_by_role("heading", level=1)).to_have_text("API integrations")
    check_page(page, "api-integrations-empty")

    # Create an integration
    page.get_by_role("link", name="Create an integration").click()
    page.get_by_label("Integration name").fill("Fernbridge Police portal")
    page.get_by_label("Partner organisation").fill("Fernbridge Police (synthetic)")
    page.get_by_label("Social worker", exact=True).check()
    page.get_by_label("Team of the integration's service user").select_option(
        label="North locality"
    )
    page.get_by_role("button", name="Create the integration").click()

    # Issue a token: first with nothing chosen, then properly
    expect(page.get_by_role("heading", level=1)).to_have_text("Issue a token")
    fill_date(page, "Expiry date", clock.today() - dt.timedelta(days=1))
    page.get_by_role("button", name="Issue the token").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Choose at least one thing the token may be used for")
    expect(summary).to_contain_text("The expiry date must be in the future")
    check_page(page, "api-token-issue-errors")

    page.get_by_label("Search children and read a child's summary").check()
    fill_date(page, "Expiry date", clock.today() + dt.timedelta(days=30))
    page.get_by_role("button", name="Issue the token").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Token issued")
    secret = page.get_by_test_id("secret").inner_text().strip()
    assert re.fullmatch(r"cairn_[A-Za-z0-9_-]{43}", secret)
    assert ApiToken.objects.get().key_hash == token_hash(secret)
    check_page(page, "api-token-issued")

    # The list shows it by its prefix only
    page.get_by_role("link", name="Back to API integrations").last.click()
    tokens = page.get_by_role("table", name="Tokens for Fernbridge Police portal")
    expect(tokens).to_contain_text(secret[:14])
    expect(page.locator("main")).not_to_contain_text(secret)
    check_page(page, "api-integrations")

    # Revoke it
    tokens.get_by_role("link", name=re.compile("^Revoke")).click()
    page.get_by_role("button", name="Revoke the token").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter why the token is revoked")
    page.get_by_label("Why is the token revoked?").fill("The portal is being replaced")
    page.get_by_role("button", name="Revoke the token").click()
    expect(tokens).to_contain_text("Revoked")
    assert ApiToken.objects.get().revoked_at is not None
