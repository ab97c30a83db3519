"""A restricted record in a browser, with the axe check on every page: a social worker finds a
restricted child in search (no name shown), opens it, is refused with the choice to ask for
access or break glass, breaks glass with a reason and reaches the child's page; the information
governance officer sees the break-glass access, with its reason, on the unusual-access report.

Given (through services): Amara in the North team, restricted by information governance with
only the team manager named."""

import re

import pytest
from playwright.sync_api import expect

from cairn.accounts.roles import Role
from cairn.governance.services import person_restrict, restriction_allow_user
from cairn.tests.browser.helpers import check_page, open_oversight_page, sign_in, sign_out

pytestmark = pytest.mark.browser


@pytest.fixture
def restricted_child(users, child_in_north):
    ig = users[Role.IG_OFFICER]
    person_restrict(
        actor=ig, person=child_in_north, category="staff_family", reason="A worker's daughter"
    )
    restriction_allow_user(
        actor=ig, person=child_in_north, user=users[Role.TEAM_MANAGER], reason="Manager"
    )
    return child_in_north


def test_break_glass_journey(page, users, restricted_child):
    worker = users[Role.SOCIAL_WORKER]
    sign_in(page, worker.username)

    # Search shows that a restricted record exists, without the child's name
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Search").click()
    page.get_by_label(re.compile("Name, date of birth or", re.IGNORECASE)).fill("Okafor")
    page.get_by_role("button", name=re.compile("Search")).click()
    results = page.get_by_role("table", name="Results")
    expect(results).to_contain_text("Restricted record")
    expect(page.locator("main")).not_to_contain_text("Amara")
    check_page(page, "search-restricted")

    # Opening it is refused, with the two ways in
    results.get_by_role("link", name="Restricted record").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("This record is restricted")
    expect(page.locator("main")).not_to_contain_text("Amara")
    check_page(page, "restricted-record")

    # Break glass: the reason is required
    page.get_by_role("link", name="Use break-glass access").click()
    page.get_by_role("button", name="Open the record").click()
    expect(
        page.locator(".govuk-error-summary").get_by_role(
            "link", name="Enter why you need to open this record now"
        )
    ).to_be_visible()
    check_page(page, "break-glass-errors")
    page.get_by_label("Why do you need to open this record now?").fill(
        "Police report Amara missing tonight"
    )
    page.get_by_role("button", name="Open the record").click()

    # The child's page opens, with the warning that IG has been told
    expect(page.get_by_role("heading", level=1)).to_contain_text("Amara Okafor")
    expect(page.locator("main")).to_contain_text("You used break-glass access")
    check_page(page, "child-after-break-glass")
    sign_out(page)

    # Information governance sees it on the unusual-access report
    sign_in(page, users[Role.IG_OFFICER].username)
    open_oversight_page(page, "Unusual access")
    glass = page.get_by_role("table", name=re.compile(r"^Break-glass access"))
    row = glass.get_by_role("row").filter(has_text=worker.get_full_name())
    expect(row).to_contain_text("Police report Amara missing tonight")
    expect(row).to_contain_text("Amara Okafor")
    restricted = page.get_by_role("table", name=re.compile(r"^Restricted records"))
    expect(restricted).to_contain_text("Break glass: Police report Amara missing tonight")
    check_page(page, "unusual-access")
