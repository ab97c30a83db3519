"""Registering a child through the form: errors, then the possible-duplicate warning."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from cairn.people.models import Person
from cairn.testing.factories import AllocationFactory, PersonFactory
from cairn.tests.browser.helpers import check_page, fill_date, sign_in

pytestmark = pytest.mark.browser


def _open_register_form(page, worker):
    sign_in(page, worker.username)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Register a child").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Register a child")


def test_register_a_child_after_correcting_errors(page, social_worker):
    # Given a social worker on the register form
    _open_register_form(page, social_worker)
    check_page(page, "register-child")

    # When they send it empty
    page.get_by_role("button", name="Register child").click()

    # Then the error summary links each problem to its field
    expect(page).to_have_title(re.compile(r"^\s*Error: Register a child"))
    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("link", name="Enter the child's family name")).to_have_attribute(
        "href", "#id_family_name"
    )
    dob_error = summary.get_by_role(
        "link", name="Enter the date of birth, or an expected date for an unborn child"
    )
    expect(dob_error).to_have_attribute("href", "#id_date_of_birth_0")
    check_page(page, "register-child-errors")
    dob_error.click()
    expect(
        page.get_by_role("group", name="Date of birth", exact=True).get_by_label("Day")
    ).to_be_focused()

    # When they complete the form
    page.get_by_label("Given name").fill("Noah")
    page.get_by_label("Family name").fill("Whitfield")
    fill_date(page, "Date of birth", dt.date(2017, 9, 4))
    page.get_by_label("Male", exact=True).check()
    page.get_by_label("Ethnicity").select_option(label="White British")
    page.get_by_label("Hearing").check()
    page.get_by_role("button", name="Register child").click()

    # Then the child is registered and their page opens with a success banner
    child = Person.objects.get(family_name="Whitfield")
    expect(page).to_have_url(re.compile(rf"/people/{child.pk}/$"))
    expect(page.get_by_role("alert")).to_contain_text(
        f"Noah Whitfield registered with LA child ID {child.la_child_id}"
    )
    expect(page.get_by_role("heading", level=1)).to_contain_text("Noah Whitfield")
    expect(page.locator(".govuk-summary-list").first).to_contain_text("Hearing")
    check_page(page, "registered-child")


def test_register_a_child_who_may_already_be_on_record(page, teams, social_worker):
    # Given a child in the worker's team, and a child with the same name and date of birth
    # in a team the worker cannot see
    born = dt.date(2016, 2, 8)
    mine = PersonFactory(given_name="Amara", family_name="Okafor", date_of_birth=born)
    AllocationFactory(child=mine, team=teams["north"], worker=social_worker)
    elsewhere = PersonFactory(given_name="Amarah", family_name="Okafor", date_of_birth=born)
    AllocationFactory(child=elsewhere, team=teams["disabled"])
    _open_register_form(page, social_worker)

    # When they register a child with the same name and date of birth
    page.get_by_label("Given name").fill("Amara")
    page.get_by_label("Family name").fill("Okafor")
    fill_date(page, "Date of birth", born)
    page.get_by_role("button", name="Register child").click()

    # Then they are warned, shown the match they may see, and told of the one they may not
    expect(page.locator(".govuk-warning-text")).to_contain_text(
        "This child may already be on record"
    )
    matches = page.get_by_role("table", name="Possible matches")
    expect(matches.get_by_role("link")).to_have_text(["Amara Okafor"])
    expect(matches).to_contain_text(mine.la_child_id)
    expect(page.get_by_test_id("hidden-duplicates")).to_contain_text(
        "1 possible match outside your teams"
    )
    expect(page.locator("main")).not_to_contain_text(elsewhere.la_child_id)
    assert Person.objects.filter(family_name="Okafor").count() == 2
    check_page(page, "register-child-duplicates")

    # When they confirm this is a different child
    page.get_by_label("I have checked the possible matches and this is a different child").check()
    page.get_by_role("button", name="Register child").click()

    # Then the new child is registered
    expect(page.get_by_role("alert")).to_contain_text("Amara Okafor registered with LA child ID")
    assert Person.objects.filter(family_name="Okafor").count() == 3
