"""The drift pages in a browser, with the axe check (WCAG 2.2 AA) on every page visited: a team
manager opens the team alerts, follows an overdue visit alert to the child, records the missing
visit with the visit form, and the alert is gone from the team view. Then the service and
chair pages. The clock is pinned to 31 March 2026."""

import datetime as dt

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from cairn.accounts.roles import Role
from cairn.testing.browser import new_page_in_context
from cairn.testing.factories import AllocationFactory, PersonFactory
from cairn.testing.protection_factories import cp_plan_with_history
from cairn.testing.records_factories import ActivePlanFactory, EpisodeFactory
from cairn.tests.browser.helpers import check_page, fill_date, open_oversight_page, sign_in
from cairn.timescales.snapshots import alert_snapshot_take

pytestmark = pytest.mark.browser

TODAY = dt.date(2026, 3, 31)


@pytest.fixture(autouse=True)
def pinned_today():
    with override_settings(CAIRN_TODAY=TODAY.isoformat()):
        yield


@pytest.fixture
def amara(teams, users):
    """Amara, the North social worker's, on a CIN plan since 1 December 2025 and never seen:
    her visit has been overdue since January."""
    child = PersonFactory(given_name="Amara", family_name="Okafor")
    episode = EpisodeFactory(child=child, referral_date=dt.date(2025, 11, 3))
    AllocationFactory(
        child=child,
        team=teams["north"],
        worker=users[Role.SOCIAL_WORKER],
        started_on=dt.date(2025, 11, 3),
    )
    ActivePlanFactory(episode=episode, child=child, started_on=dt.date(2025, 12, 1))
    return child


def _visit_row(page, child):
    return page.locator('tr[data-rule="CIN_VISIT_DUE"]').filter(has_text=child.la_child_id)


def test_a_manager_follows_an_overdue_visit_alert_and_it_clears(page, users, amara):
    # Given a team manager, when they open their team's alerts from the oversight page
    sign_in(page, users[Role.TEAM_MANAGER].username)
    open_oversight_page(page, "Team alerts")
    expect(page.get_by_role("heading", level=1)).to_contain_text("North locality")
    check_page(page, "drift-team")

    # Then Amara's overdue visit is listed, with why, by worker and by rule
    row = _visit_row(page, amara)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Overdue")
    expect(row).to_contain_text("has not been seen since the plan started on 1 Dec 2025")
    by_worker = page.get_by_role("table", name="By worker")
    expect(by_worker).to_contain_text(users[Role.SOCIAL_WORKER].get_full_name())

    # When they follow the alert to the child
    row.get_by_role("link", name="Amara Okafor", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Amara Okafor")
    check_page(page, "drift-child")

    # and from the alert, to act on it: the visit form
    page.go_back()
    _visit_row(page, amara).get_by_role("link", name="Act on this").click()
    expect(page.get_by_role("button", name="Record the visit")).to_be_visible()
    check_page(page, "drift-visit-form")

    # When they record the missing visit
    page.get_by_label("Statutory child in need visit").check()
    fill_date(page, "Date of the visit", TODAY)
    page.get_by_label("Where the visit took place").fill("The family home")
    page.get_by_role("group", name="Was the child seen?").get_by_label("Yes").check()
    page.get_by_role("group", name="Was the child seen alone?").get_by_label("Yes").check()
    page.get_by_role("group", name="Was the child's bedroom seen?").get_by_label("No").check()
    page.get_by_label("The child's wishes and feelings").fill("I like my new school.")
    page.get_by_role("button", name="Record the visit").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Statutory child in need visit")

    # Then the alert is gone from the team view
    open_oversight_page(page, "Team alerts")
    expect(page.get_by_role("heading", level=1)).to_contain_text("North locality")
    expect(_visit_row(page, amara)).to_have_count(0)
    check_page(page, "drift-team-after")


def test_the_service_chair_and_own_alert_pages(browser, live_server, users, teams, amara):
    for weeks in (2, 1, 0):
        alert_snapshot_take(as_of=TODAY - dt.timedelta(weeks=weeks))
    kofi = PersonFactory(given_name="Kofi", family_name="Mensah")
    AllocationFactory(child=kofi, team=teams["north"], started_on=dt.date(2025, 11, 3))
    cp_plan_with_history(child=kofi, started_on=dt.date(2026, 1, 26), chair=users[Role.CP_CHAIR])

    pages = [
        (Role.SERVICE_MANAGER, "Service alerts", "drift-service"),
        (Role.CP_CHAIR, "Alerts for your conferences", "drift-chair"),
    ]
    for role, link, name in pages:
        context, page = new_page_in_context(browser, live_server)
        try:
            sign_in(page, users[role].username)
            open_oversight_page(page, link)
            expect(page.get_by_role("heading", level=1)).to_have_text(link)
            check_page(page, name)
            if role == Role.SERVICE_MANAGER:
                trend = page.get_by_role("table", name="Alerts over the last 12 weeks")
                expect(trend.get_by_text("Not recorded")).to_have_count(9)
                page.get_by_label("Status").select_option("overdue")
                page.get_by_role("button", name="Apply filters").click()
                page.wait_for_load_state()
                check_page(page, "drift-service-filtered")
            else:
                expect(page.get_by_test_id("alert-list")).to_contain_text(kofi.la_child_id)
        finally:
            context.close()

    context, page = new_page_in_context(browser, live_server)
    try:
        sign_in(page, users[Role.SOCIAL_WORKER].username)
        page.get_by_role("navigation", name="Menu").get_by_role("link", name="Your alerts").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Your alerts")
        expect(_visit_row(page, amara)).to_have_count(1)
        check_page(page, "drift-mine")
    finally:
        context.close()
