"""The front door in a browser: contact -> threshold decision -> referral, each page checked
with axe (WCAG 2.2 AA)."""

import re

import pytest
from playwright.sync_api import expect

from cairn.accounts.roles import Role, TeamKind
from cairn.core import clock
from cairn.frontdoor.models import Episode
from cairn.testing.factories import TeamFactory, UserFactory
from cairn.tests.browser.helpers import check_page, fill_date, sign_in

pytestmark = pytest.mark.browser


def test_a_contact_becomes_a_referral(page, child_in_north):
    # Given a front door (MASH) social worker
    mash = TeamFactory(name="MASH", kind=TeamKind.FRONT_DOOR)
    worker = UserFactory(username="mash.worker", role=Role.SOCIAL_WORKER, team=mash)
    today = clock.today()
    sign_in(page, worker.username)

    # When they find the child and record a contact about her
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Record a contact").click()
    check_page(page, "contact-record-search")
    page.get_by_label("Find the children").fill("Amara Okafor")
    page.get_by_role("button", name="Search").click()
    page.get_by_label(re.compile(r"Amara Okafor, born")).check()
    fill_date(page, "Date the contact was received", today)
    page.get_by_label("Time the contact was received").fill("09:30")
    page.get_by_label("Source").select_option("2A")
    page.get_by_label("Concerns").fill("Arrived hungry with bruising on her arm.")
    page.get_by_label("Given", exact=True).check()
    check_page(page, "contact-record-form")
    page.get_by_role("button", name="Record contact").click()

    # Then the contact page shows the child awaiting a decision
    expect(page.get_by_role("heading", level=1)).to_contain_text("Contact on")
    expect(page.locator("[data-testid=contact-child]")).to_contain_text("Due by")
    check_page(page, "contact-detail")

    # When they record the threshold decision
    page.get_by_role("link", name="Record the threshold decision for Amara Okafor").click()
    check_page(page, "threshold-decision")
    page.get_by_label("3 Child in need").check()
    page.get_by_label("Rationale").fill("Unexplained bruising; school concerned about neglect.")
    page.get_by_label("Referral to children's social care").check()
    page.get_by_role("button", name="Record decision").click()
    expect(page.locator("[data-testid=contact-child]")).to_contain_text("in time")

    # And create the referral
    page.get_by_role("link", name="Create the referral for Amara Okafor").click()
    check_page(page, "referral-create")
    fill_date(page, "Referral date", today)
    page.get_by_role("button", name="Create referral").click()

    # Then the CIN episode is open and the child's journey shows the move to child in need
    episode = Episode.objects.get(child=child_in_north)
    expect(page).to_have_url(re.compile(rf"/front-door/episodes/{episode.pk}/$"))
    check_page(page, "episode-detail")
    page.goto(f"/early-help/children/{child_in_north.pk}/journey/")
    expect(page.get_by_test_id("current-level")).to_contain_text("Child in need")
    check_page(page, "journey")
