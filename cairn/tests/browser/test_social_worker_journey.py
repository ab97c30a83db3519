"""A social worker signs in, finds a child, reads their page and family network, signs out."""

import re

import pytest
from playwright.sync_api import expect

from cairn.tests.browser.helpers import check_page, sign_in, sign_out

pytestmark = pytest.mark.browser


def test_social_worker_finds_a_child_and_their_family_network(page, caseload):
    # Given a social worker with two children allocated to them, one with a family network
    worker = caseload.worker

    # When they sign in
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/sign-in/\?next=/$"))
    check_page(page, "sign-in")
    sign_in(page, worker.username)

    # Then their home page lists their children
    expect(page).to_have_title(re.compile(r"^\s*Your children – Cairn"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your children")
    expect(page.get_by_test_id("signed-in-user")).to_contain_text(worker.get_full_name())
    caseload_table = page.get_by_role("table", name="Children allocated to you")
    expect(caseload_table.get_by_role("link")).to_have_text(["Jayden Clarke", "Amara Okafor"])
    expect(caseload_table).to_contain_text(caseload.child.la_child_id)
    check_page(page, "home")

    # When they search for the child by name
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Search").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Search for a child or adult")
    check_page(page, "search")
    page.get_by_label("Name, date of birth or identifier").fill("Jayden Clarke")
    page.get_by_role("button", name="Search").click()

    # Then the child is in the results
    results = page.get_by_role("table", name="Results")
    expect(results.get_by_role("link", name="Jayden Clarke")).to_be_visible()
    check_page(page, "search-results")

    # When they search again with the name mistyped, the child is still found
    page.get_by_label("Name, date of birth or identifier").fill("Jaiden Clark")
    page.get_by_role("button", name="Search").click()
    expect(results.get_by_role("link", name="Jayden Clarke")).to_be_visible()
    expect(results.get_by_role("link", name="Amara Okafor")).to_have_count(0)

    # When they open the child's page
    results.get_by_role("link", name="Jayden Clarke").click()

    # Then they see the child's details and family network
    expect(page.get_by_role("heading", level=1)).to_have_text("Jayden Clarke")
    expect(page.get_by_text(caseload.child.la_child_id).first).to_be_visible()
    family = page.get_by_role("table", name="Family network")
    rows = family.get_by_role("row")
    expect(rows).to_have_count(4)  # the header row and three relatives
    expect(rows.filter(has_text="Sarah Clarke")).to_contain_text("Mother")
    expect(rows.filter(has_text="Daniel Clarke")).to_contain_text("Father")
    expect(rows.filter(has_text="Mia Clarke")).to_contain_text("Sibling")
    check_page(page, "child")

    # When they sign out
    sign_out(page)

    # Then they land on the sign-in page, and their pages need signing in again
    expect(page).to_have_url(re.compile(r"/accounts/sign-in/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Cairn")
    expect(page.get_by_test_id("signed-in-user")).to_have_count(0)
    page.goto(f"/people/{caseload.child.pk}/")
    expect(page).to_have_url(re.compile(r"/accounts/sign-in/\?next="))


def test_skip_link_moves_to_the_main_content(page, caseload):
    # Given a signed-in social worker on their home page
    sign_in(page, caseload.worker.username)

    # When they tab to the skip link and follow it
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    page.keyboard.press("Enter")

    # Then the main content has focus
    expect(page.locator("main")).to_be_focused()
