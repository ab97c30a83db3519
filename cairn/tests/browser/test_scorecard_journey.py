"""The scorecard and the members' report in a browser with JavaScript turned off, with the axe
check (WCAG 2.2 AA) on every page: a service manager opens the scorecard, narrows it to a
team, follows a figure to the children behind it, drafts a report for their service and issues
it. The clock is pinned to 16 March 2026."""

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from cairn.accounts.roles import Role
from cairn.insight.tests.page_data import TODAY, referred_child
from cairn.tests.browser.helpers import check_page, javascript_ran, open_oversight_page, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def pinned_today():
    with override_settings(CAIRN_TODAY=TODAY.isoformat()):
        yield


def test_a_service_manager_reads_the_scorecard_and_issues_a_report(page_without_js, users, teams):
    page = page_without_js
    # The first views compute the figures and draw some fifty charts: slow on a busy test box.
    page.set_default_timeout(90_000)
    referred_child(teams["north"], given_name="Amara")
    referred_child(teams["north"], given_name="Kofi")
    referred_child(teams["south"], given_name="Tyler")

    # Given a service manager, when they open the scorecard from the oversight page
    sign_in(page, users[Role.SERVICE_MANAGER].username)
    assert not javascript_ran(page)
    open_oversight_page(page, "Scorecard")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Scorecard: Children in need and protection"
    )
    referrals = page.locator('section[data-measure="referrals"]')
    expect(referrals.get_by_test_id("latest")).to_contain_text("3")
    chart = referrals.get_by_role(
        "img", name="Referrals, Children in need and protection, by month"
    )
    expect(chart).to_have_count(1)
    check_page(page, "scorecard-service")

    # When they narrow it to the North team over 12 months
    page.get_by_label("Area").select_option(label="North locality")
    page.get_by_label("Period").select_option(label="Last 12 months")
    page.get_by_role("button", name="Show figures").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Scorecard: North locality")
    referrals = page.locator('section[data-measure="referrals"]')
    expect(referrals.get_by_test_id("latest")).to_contain_text("2")
    # The chart's figures are in a table too (inside "Figures by month")
    referrals.get_by_text("Figures by month").click()
    expect(referrals.get_by_role("table", name="Referrals, by month")).to_contain_text("March 2026")
    check_page(page, "scorecard-team")

    # When they follow the latest figure, then the children behind it are listed, as many as it
    referrals.get_by_test_id("latest-link").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Referrals: children behind the figure"
    )
    rows = page.get_by_test_id("child-row")
    expect(rows).to_have_count(2)
    expect(page.get_by_test_id("children")).to_contain_text("Amara")
    check_page(page, "scorecard-drill-down")

    # When they start a report for their service
    open_oversight_page(page, "Reports for members and leaders")
    check_page(page, "report-list")
    page.get_by_role("link", name="Start a new report").click()
    page.get_by_label("Title").fill("Service performance report, March 2026")
    page.get_by_label("Area", exact=True).select_option(label="Children in need and protection")
    page.get_by_label("Summary").fill("Referrals are steady.")
    page.get_by_label("Strengths").fill("Children are seen alone on visits.")
    page.get_by_label("Areas for development").fill("Contingency planning on CP plans.")
    check_page(page, "report-form")
    page.get_by_role("button", name="Save the draft").click()
    page.wait_for_load_state()

    # Then the draft shows today's figures, and can be issued
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Service performance report, March 2026"
    )
    expect(page.get_by_test_id("status")).to_contain_text("Draft")
    headline = page.get_by_role("table", name="Headline measures")
    expect(headline.locator('tr[data-measure="referrals"]')).to_contain_text("3")
    check_page(page, "report-draft")

    page.get_by_role("button", name="Issue report").click()
    page.wait_for_load_state()
    expect(page.get_by_test_id("status")).to_contain_text("Issued")
    check_page(page, "report-issued")

    # And its PDF is the issued one
    link = page.get_by_role("link", name="Download the report (PDF)")
    response = page.request.get(link.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
