"""The child protection journey in a browser, with the axe check (WCAG 2.2 AA) on every page
visited: strategy discussion (siblings together) -> S47 enquiry (ICPC target date shown) ->
ICPC (quoracy shown, finalised by the chair) -> CP plan -> core group -> review conference ->
step-down to a CIN plan that carries the plan over.

Two people work on it, each in their own browser context: the children's social worker and
the CP chair. The given (users, the children, their open referrals and their mother) is set up
directly; every step after that is done through the pages. The clock is pinned to 1 May 2026
so the meetings can be weeks apart.
"""

import datetime as dt
import re

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from cairn.accounts.roles import Role
from cairn.people.services import adult_register, relationship_create
from cairn.testing.browser import new_page_in_context
from cairn.testing.factories import AllocationFactory, PersonFactory, UserFactory
from cairn.testing.plans_factories import EpisodeFactory
from cairn.tests.browser.helpers import check_page, fill_date, sign_in

pytestmark = pytest.mark.browser

TODAY = dt.date(2026, 5, 1)


@pytest.fixture
def open_page(browser, live_server):
    contexts = []

    def open_for(username: str):
        context, page = new_page_in_context(browser, live_server)
        contexts.append(context)
        sign_in(page, username)
        return page

    yield open_for
    for context in contexts:
        context.close()


@pytest.fixture(autouse=True)
def pinned_today():
    with override_settings(CAIRN_TODAY=TODAY.isoformat()):
        yield


@pytest.fixture
def family(teams, users):
    """Amara and her brother Kofi, both open to the North team, and their mother."""
    worker = users[Role.SOCIAL_WORKER]
    children = []
    for given, born in (("Amara", dt.date(2017, 4, 2)), ("Kofi", dt.date(2020, 9, 14))):
        child = PersonFactory(given_name=given, family_name="Mensah", date_of_birth=born)
        AllocationFactory(child=child, team=teams["north"], worker=worker)
        EpisodeFactory(child=child, referral_date=dt.date(2026, 1, 2))
        children.append(child)
    mother = adult_register(
        actor=worker,
        given_name="Efua",
        family_name="Mensah",
        date_of_birth=dt.date(1990, 2, 11),
        sex="F",
    )
    for child in children:
        relationship_create(actor=worker, person=child, relative=mother, type="mother")
    relationship_create(
        actor=worker, person=children[0], relative=children[1], type="sibling", same_household=True
    )
    return {"amara": children[0], "kofi": children[1], "mother": mother}


def _submit(page, name: str) -> None:
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state()


def _heading(page):
    return page.get_by_role("heading", level=1)


def _professional(page, n: int, name: str, agency: str, *, direct: bool = True) -> None:
    page.locator(f"#id_pro_{n}_name").fill(name)
    page.locator(f"#id_pro_{n}_kind").select_option(agency)
    page.locator(f'input[name="pro_{n}_took_part"][value="attended"]').check()
    if direct:
        page.locator(f'input[name="pro_{n}_took_part"][value="direct_contact"]').check()


def _time(page, value: str = "10:00") -> None:
    page.get_by_label("Time it started").fill(value)


def test_the_child_protection_journey(open_page, users, family):  # noqa: PLR0915
    amara = family["amara"]
    chair_user = UserFactory(
        username="cp.chair", first_name="Ruth", last_name="Adebayo", role=Role.CP_CHAIR
    )

    # --- Strategy discussion --------------------------------------------------------------
    # Given the social worker on Amara's page, when they record a strategy discussion
    worker = open_page(users[Role.SOCIAL_WORKER].username)
    worker.goto(f"/children/{amara.pk}/")
    check_page(worker, "cp-child-before")
    worker.get_by_role("link", name="Record a strategy discussion").click()
    expect(_heading(worker)).to_have_text("Record a strategy discussion")
    check_page(worker, "cp-strategy-form")
    fill_date(worker, "Date of the strategy discussion", dt.date(2026, 1, 5))
    _time(worker)
    worker.get_by_label("Kofi Mensah").check()  # siblings together
    _professional(worker, 1, "Sam Whitfield", "csc")
    _professional(worker, 2, "DC Jo Price", "police")
    worker.get_by_label("Information shared").fill(
        "Police attended a domestic abuse incident; Amara had a bruise to her cheek."
    )
    worker.get_by_label("Joint-agency S47 enquiry (with the police)").check()
    worker.locator("#id_action_1_what").fill("Joint visit to see both children")
    worker.locator("#id_action_1_owner").fill("Sam Whitfield and DC Price")
    _submit(worker, "Record strategy discussion")

    # Then it is recorded and a S47 enquiry started for each child
    expect(_heading(worker)).to_have_text("Strategy discussion")
    expect(worker.get_by_role("link", name="S47 enquiry for Kofi Mensah")).to_be_visible()
    check_page(worker, "cp-strategy-detail")

    # --- S47 enquiry -----------------------------------------------------------------------
    worker.get_by_role("link", name="S47 enquiry for Amara Mensah").click()
    expect(worker.get_by_test_id("icpc-target")).to_contain_text("26 January 2026")
    check_page(worker, "cp-s47-open")
    s47_url = worker.url
    worker.get_by_role("link", name="Record findings and outcome").click()
    check_page(worker, "cp-s47-form")
    fill_date(worker, "Date the child was seen", dt.date(2026, 1, 6))
    worker.get_by_label("Findings").fill("Injury not consistent with the account given.")
    worker.get_by_label("Concerns substantiated", exact=True).check()
    worker.get_by_label("Yes", exact=True).check()
    fill_date(worker, "Date the enquiry ended", dt.date(2026, 1, 16))
    _submit(worker, "Save the S47 enquiry")
    expect(worker.get_by_text("Concerns substantiated")).to_be_visible()
    check_page(worker, "cp-s47-ended")

    # --- ICPC --------------------------------------------------------------------------------
    # When the CP chair opens the enquiry, the ICPC target date is shown
    chair = open_page(chair_user.username)
    chair.goto(s47_url)
    expect(chair.get_by_test_id("icpc-target")).to_contain_text("26 January 2026")
    check_page(chair, "cp-s47-chair")
    chair.get_by_role("link", name="Record the initial child protection conference").click()
    expect(chair.get_by_test_id("intro")).to_contain_text("Target date: 26 January 2026")
    check_page(chair, "cp-icpc-form")
    fill_date(chair, "Date of the conference", dt.date(2026, 1, 22))
    _time(chair)
    _professional(chair, 1, "Sam Whitfield", "csc")
    _professional(chair, 2, "Nina Shah", "education")
    _professional(chair, 3, "Kate Lowe", "health")
    chair.get_by_label("Efua Mensah attended").check()
    chair.get_by_label("How Efua Mensah took part, or why not").fill("Attended with an advocate")
    chair.get_by_label("Views given through their social worker").check()
    chair.get_by_label("Child protection plan", exact=True).check()
    chair.get_by_label("Neglect").check()
    _submit(chair, "Record the conference")

    # Then the conference shows it is quorate and in time, not yet finalised
    expect(_heading(chair)).to_have_text("Initial child protection conference")
    expect(chair.get_by_test_id("quoracy")).to_contain_text("Quorate")
    expect(chair.get_by_text("26 January 2026 (in time)")).to_be_visible()
    expect(chair.get_by_test_id("finalised")).to_have_text("Not finalised")
    check_page(chair, "cp-icpc-recorded")

    # When the chair finalises it, the CP plan starts on the conference date
    chair.get_by_role("link", name="Finalise the record").click()
    check_page(chair, "cp-icpc-finalise")
    _submit(chair, "Finalise the record")
    expect(chair.get_by_test_id("finalised")).to_contain_text("Finalised by Ruth Adebayo")
    expect(chair.get_by_role("link", name="Change the decision")).to_have_count(0)
    check_page(chair, "cp-icpc-finalised")

    # --- CP plan and core group ----------------------------------------------------------------
    chair.get_by_role("link", name="The child protection plan").click()
    plan_url = chair.url
    assert re.search(r"/child-protection/plans/\d+/$", plan_url)
    expect(chair.get_by_text("22 January 2026").first).to_be_visible()
    check_page(chair, "cp-plan-chair")

    worker.goto(plan_url)
    expect(worker.get_by_text("First core group due by (10 working days)")).to_be_visible()
    check_page(worker, "cp-plan")
    worker.get_by_role("link", name="Add a core group member").click()
    check_page(worker, "cp-core-member-form")
    worker.get_by_label("Name").fill("Kate Lowe")
    worker.get_by_label("Agency").fill("Health visiting")
    worker.get_by_label("Role").fill("Health visitor")
    fill_date(worker, "Date they joined", dt.date(2026, 1, 22))
    _submit(worker, "Add the member")
    expect(worker.get_by_role("table", name="Core group")).to_contain_text("Kate Lowe")

    worker.get_by_role("link", name="Record a core group meeting").click()
    check_page(worker, "cp-core-group-form")
    fill_date(worker, "Date of the core group meeting", dt.date(2026, 1, 29))
    _time(worker, "14:00")
    _professional(worker, 1, "Sam Whitfield", "csc")
    _professional(worker, 2, "Kate Lowe", "health")
    worker.get_by_label("Progress and what the core group agreed").fill(
        "Mum engaging with the domestic abuse service; home conditions improving."
    )
    worker.locator("#id_action_1_what").fill("Weekly home visits")
    worker.locator("#id_action_1_owner").fill("Sam Whitfield")
    _submit(worker, "Record the core group")
    expect(_heading(worker)).to_have_text("Core group meeting")
    check_page(worker, "cp-core-group-detail")

    # --- Review conference and step-down -------------------------------------------------------
    chair.goto(plan_url)
    chair.get_by_role("link", name="Record a review conference").click()
    check_page(chair, "cp-review-form")
    fill_date(chair, "Date of the conference", dt.date(2026, 4, 20))
    _time(chair)
    _professional(chair, 1, "Sam Whitfield", "csc")
    _professional(chair, 2, "Nina Shah", "education")
    _professional(chair, 3, "Kate Lowe", "health")
    chair.get_by_label("Attended and spoke for themselves").check()
    chair.get_by_label("End the plan: step down to a child in need plan").check()
    _submit(chair, "Record the conference")
    expect(_heading(chair)).to_have_text("Review child protection conference")
    check_page(chair, "cp-review-recorded")
    chair.get_by_role("link", name="Finalise the record").click()
    _submit(chair, "Finalise the record")
    expect(chair.get_by_test_id("finalised")).to_contain_text("Finalised by Ruth Adebayo")
    check_page(chair, "cp-review-finalised")

    # Then the CP plan has ended and a CIN plan carries it over
    chair.get_by_role("link", name="The child protection plan").click()
    expect(
        chair.get_by_text("Review conference: stepped down to a child in need plan")
    ).to_be_visible()
    check_page(chair, "cp-plan-ended")
    worker.goto(plan_url)
    worker.get_by_role("link", name="child in need plan").click()
    expect(_heading(worker)).to_contain_text("Child in need plan")
    check_page(worker, "cp-cin-plan-carried")

    # And Amara's page shows the conferences and the CP plan's history
    worker.goto(f"/children/{amara.pk}/")
    expect(
        worker.get_by_role("link", name="Review child protection conference, 20 April 2026")
    ).to_be_visible()
    check_page(worker, "cp-child-after")
