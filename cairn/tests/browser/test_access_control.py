"""Records outside a user's scope: the 403 page, the 404 page, and the access review that
shows information governance the refused attempt."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from cairn.core import clock
from cairn.tests.browser.helpers import check_page, fill_date, sign_in, sign_out

pytestmark = pytest.mark.browser


def test_social_worker_cannot_open_a_child_outside_their_team(
    page, caseload, child_in_south, ig_officer
):
    # Given a social worker in the North team, and a child allocated to the South team
    sign_in(page, caseload.worker.username)

    # When they open the South team's child by URL
    response = page.goto(f"/people/{child_in_south.pk}/")

    # Then they see the 403 page, which does not show the child's name
    assert response.status == 403
    expect(page).to_have_title(re.compile(r"^\s*You do not have access to this page – Cairn"))
    expect(page.get_by_role("heading", level=1)).to_have_text("You do not have access to this page")
    expect(page.locator("main")).not_to_contain_text(child_in_south.family_name)
    check_page(page, "403")

    # And information governance can see the refused attempt
    sign_out(page)
    sign_in(page, ig_officer.username)
    page.get_by_role("link", name="Access review").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Who viewed or changed a record")
    check_page(page, "access-review")

    page.get_by_role("button", name="Show access").click()
    summary = page.locator(".govuk-error-summary")
    expect(
        summary.get_by_role("link", name="Enter the LA child ID or person ID")
    ).to_have_attribute("href", "#id_reference")
    check_page(page, "access-review-errors")

    page.get_by_label("LA child ID or person ID").fill(child_in_south.la_child_id)
    fill_date(page, "From", clock.today() - dt.timedelta(days=1))
    fill_date(page, "To", clock.today() + dt.timedelta(days=1))
    page.get_by_role("button", name="Show access").click()
    views = page.get_by_role("table", name=re.compile(r"^Views of the record"))
    refused = views.get_by_role("row").filter(has_text=caseload.worker.get_full_name())
    expect(refused).to_contain_text("Denied")
    expect(refused).to_contain_text(f"/people/{child_in_south.pk}/")
    check_page(page, "access-review-results")


def test_unknown_record_shows_the_404_page(page, social_worker):
    # Given a signed-in social worker
    sign_in(page, social_worker.username)

    # When they open a record that does not exist
    response = page.goto("/people/999999/")

    # Then they see the GOV.UK "Page not found" page
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(page.get_by_role("link", name="Go to your home page")).to_be_visible()
    check_page(page, "404")
