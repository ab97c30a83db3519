"""The child-in-need journey in a browser, with the axe check (WCAG 2.2 AA) on every page
visited: contact -> threshold decision -> referral -> single assessment with the identity
section -> authorisation -> CIN plan with contingency -> CIN review with the child's
participation -> step-down to early help -> closure, then the child's page.

Three people work on it, each in their own browser context: a front door (MASH) social worker,
the locality social worker the referral is allocated to, and their team manager. Only the
given (users, teams, the child and family network) is set up through the services; every step
after that is done through the pages. Every date is today (the clock is not pinned): a contact
decided today, so the journey happens in one day.
"""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from cairn.accounts.roles import Role, TeamKind
from cairn.core import clock
from cairn.people.presenters import format_date
from cairn.people.services import adult_register, relationship_create
from cairn.testing.browser import new_page_in_context
from cairn.testing.factories import PersonFactory, TeamFactory, UserFactory
from cairn.tests.browser.helpers import check_page, fill_date, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def open_page(browser, live_server):
    """Open a page in a browser context of its own (one per person), closed after the test."""
    contexts = []

    def open_for(username: str):
        context, page = new_page_in_context(browser, live_server)
        contexts.append(context)
        sign_in(page, username)
        return page

    yield open_for
    for context in contexts:
        context.close()


def _submit(page, name: str) -> None:
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state()


def _heading(page):
    return page.get_by_role("heading", level=1)


@pytest.fixture
def council(teams):
    """A front door team with a social worker; in the North locality team a social worker and
    their team manager."""
    mash = TeamFactory(name="MASH", kind=TeamKind.FRONT_DOOR)
    return {
        "front_door": UserFactory(
            username="mash.worker",
            first_name="Femi",
            last_name="Adeyemi",
            role=Role.SOCIAL_WORKER,
            team=mash,
        ),
        "worker": UserFactory(
            username="north.worker",
            first_name="Sam",
            last_name="Whitfield",
            role=Role.SOCIAL_WORKER,
            team=teams["north"],
        ),
        "manager": UserFactory(
            username="north.manager",
            first_name="Helen",
            last_name="Marsh",
            role=Role.TEAM_MANAGER,
            team=teams["north"],
        ),
        "north": teams["north"],
    }


@pytest.fixture
def jayden(council):
    """A child already known to the council, not open to children's social care, with his
    mother (at home), father and grandmother (elsewhere) recorded."""
    actor = council["front_door"]
    child = PersonFactory(
        given_name="Jayden", family_name="Clarke", date_of_birth=dt.date(2015, 3, 14), sex="M"
    )
    relatives = [
        ("Sarah", "Clarke", dt.date(1988, 5, 9), "F", "mother", True),
        ("Daniel", "Clarke", dt.date(1985, 11, 23), "M", "father", False),
        ("Patricia", "Clarke", dt.date(1960, 2, 1), "F", "grandparent", False),
    ]
    for given, family, born, sex, type_, household in relatives:
        adult = adult_register(
            actor=actor, given_name=given, family_name=family, date_of_birth=born, sex=sex
        )
        relationship_create(
            actor=actor, person=child, relative=adult, type=type_, same_household=household
        )
    return child


def test_the_child_in_need_journey(open_page, council, jayden):  # noqa: PLR0915
    today = clock.today()
    today_text = format_date(today)
    worker, manager = council["worker"], council["manager"]

    # --- Front door: contact, threshold decision, referral --------------------------------
    # Given a front door social worker, when they record a contact about Jayden
    front_door = open_page(council["front_door"].username)
    menu = front_door.get_by_role("navigation", name="Menu")
    menu.get_by_role("link", name="Record a contact").click()
    check_page(front_door, "cin-contact-search")
    front_door.get_by_label("Find the children").fill("Jayden Clarke")
    _submit(front_door, "Search")
    front_door.get_by_label(re.compile(r"Jayden Clarke, born")).check()
    fill_date(front_door, "Date the contact was received", today)
    front_door.get_by_label("Time the contact was received").fill("00:00")
    front_door.get_by_label("Source").select_option("2A")  # schools
    front_door.get_by_label("Concerns").fill(
        "Jayden has missed nine days of school this half term and says there is no food at home."
    )
    front_door.get_by_label("Given", exact=True).check()
    check_page(front_door, "cin-contact-form")
    _submit(front_door, "Record contact")
    expect(_heading(front_door)).to_contain_text("Contact on")
    check_page(front_door, "cin-contact-detail")

    # And decide the threshold: level 3, with a rationale, next step a referral
    front_door.get_by_role("link", name="Record the threshold decision for Jayden Clarke").click()
    check_page(front_door, "cin-threshold-decision")
    front_door.get_by_label("3 Child in need").check()
    front_door.get_by_label("Rationale").fill(
        "Persistent absence and food poverty: needs beyond early help, no immediate harm."
    )
    front_door.get_by_label("Referral to children's social care").check()
    _submit(front_door, "Record decision")
    expect(front_door.get_by_test_id("contact-child")).to_contain_text("in time")
    check_page(front_door, "cin-contact-decided")

    # And create the referral, allocated to the North locality worker
    front_door.get_by_role("link", name="Create the referral for Jayden Clarke").click()
    check_page(front_door, "cin-referral-create")
    fill_date(front_door, "Referral date", today)
    front_door.get_by_label("Team").select_option(str(council["north"].pk))
    front_door.get_by_label("Worker").select_option(str(worker.pk))
    _submit(front_door, "Create referral")

    # Then the CIN episode is open, allocated to the worker
    expect(_heading(front_door)).to_be_visible()
    episode_url = front_door.url
    assert re.search(r"/front-door/episodes/\d+/$", episode_url)
    expect(front_door.get_by_text("Open", exact=True)).to_be_visible()
    expect(front_door.get_by_role("table", name="Allocation history")).to_contain_text(
        worker.get_full_name()
    )
    check_page(front_door, "cin-episode-open")

    # --- Single assessment -----------------------------------------------------------------
    # When the locality worker opens Jayden's page from their children
    page = open_page(worker.username)
    caseload = page.get_by_role("table", name="Children allocated to you")
    check_page(page, "cin-worker-home")
    caseload.get_by_role("link", name="Jayden Clarke").click()
    expect(_heading(page)).to_have_text("Jayden Clarke")
    expect(page.get_by_test_id("child-status")).to_contain_text("Child in need")
    child_url = page.url
    check_page(page, "cin-child-open")

    # And starts the single assessment
    page.get_by_role("link", name="Assessments").click()
    check_page(page, "cin-assessment-list")
    page.get_by_role("button", name="Start an assessment").click()
    check_page(page, "cin-assessment-start")
    fill_date(page, "Date the assessment started", today)
    _submit(page, "Start assessment")
    expect(_heading(page)).to_contain_text("Single assessment")
    expect(page.get_by_test_id("status")).to_have_text("In progress")
    assessment_url = page.url
    check_page(page, "cin-assessment-draft")

    # And fills each section, one per page
    sections = [
        ("date the child was seen", None),
        ("family history", "Two previous contacts (2019, 2022) about school attendance."),
        ("lived experience", "Jayden gets himself up and to school; often hungry by noon."),
        ("strengths", "Close to his grandmother; his mother wants help."),
        ("risks", "Neglect of basic care; falling behind at school."),
        ("analysis", "Needs are unmet but his mother engages: a CIN plan can make a difference."),
    ]
    for change_label, text in sections:
        page.get_by_role("link", name=f"Change {change_label}", exact=True).click()
        check_page(page, f"cin-assessment-{change_label.replace(' ', '-')}")
        if text is None:
            fill_date(page, "Date the child was seen", today)
        else:
            page.get_by_role("textbox").fill(text)
        _submit(page, "Save and continue")
        expect(page).to_have_url(assessment_url)
    page.get_by_role("link", name="Change outcome", exact=True).click()
    check_page(page, "cin-assessment-outcome")
    page.get_by_label("Child in need plan").check()
    _submit(page, "Save and continue")

    # And completes the identity section: each aspect found, or not relevant and why
    page.get_by_role("link", name="Change ethnicity", exact=True).click()
    expect(_heading(page)).to_have_text("The child's identity")
    check_page(page, "cin-assessment-identity")
    identity = {
        "Ethnicity": ("White British, like both his parents.", ""),
        "Culture": ("Football and his grandmother's Sunday dinners matter to him.", ""),
        "Religion or belief": ("", "Jayden and his family have no religion; he says so."),
        "Language and communication": ("English; speaks clearly, shy with adults.", ""),
        "Disability": ("", "No disability or additional need identified by school or GP."),
        "Sex and gender identity": ("Boy; he describes himself as a boy.", ""),
        "Sexuality": ("", "Not relevant at 11: nothing raised by Jayden or others."),
    }
    for aspect, (found, reason) in identity.items():
        group = page.get_by_role("group", name=aspect)
        group.get_by_label("What the assessment found").fill(found)
        group.get_by_label("Or, not relevant because").fill(reason)
    _submit(page, "Save identity")
    expect(page.get_by_text("Not relevant because: Jayden and his family")).to_be_visible()

    # And adds Jayden's view, in his own words
    page.get_by_role("link", name="Add a view").click()
    check_page(page, "cin-assessment-views")
    page.get_by_label("The child", exact=True).check()
    page.get_by_label("How the view was obtained").fill("Seen alone at school, three houses")
    page.get_by_label("Their view").fill("I want there to be breakfast and mum not to be sad.")
    _submit(page, "Add view")
    expect(page.get_by_role("table")).to_contain_text("breakfast")
    check_page(page, "cin-assessment-views-added")
    page.get_by_role("link", name="Back to the assessment").click()

    # And the factors identified
    page.get_by_role("link", name="Change factors").click()
    check_page(page, "cin-assessment-factors")
    page.get_by_label("Abuse or neglect: neglect").check()
    page.get_by_label("Mental health: concern about a parent or carer").check()
    _submit(page, "Save factors")

    # And submits it through check your answers
    page.get_by_role("button", name="Check and submit").click()
    expect(_heading(page)).to_have_text("Check your answers before submitting the assessment")
    expect(page.get_by_test_id("missing")).to_have_count(0)
    check_page(page, "cin-assessment-check-answers")
    _submit(page, "Submit for authorisation")
    expect(page.get_by_test_id("status")).to_have_text("Submitted for authorisation")
    check_page(page, "cin-assessment-submitted")

    # --- Authorisation ---------------------------------------------------------------------
    # When the team manager authorises it
    boss = open_page(manager.username)
    boss.goto(assessment_url)
    check_page(boss, "cin-assessment-manager")
    boss.get_by_role("button", name="Authorise or return").click()
    check_page(boss, "cin-assessment-decide")
    boss.get_by_label("Authorise the assessment").check()
    fill_date(boss, "Date of authorisation", today)
    _submit(boss, "Confirm decision")

    # Then it is authorised within the timescale
    expect(boss.get_by_test_id("status")).to_have_text("Authorised")
    expect(boss.get_by_test_id("timeliness")).to_have_text("Authorised within 45 working days")
    check_page(boss, "cin-assessment-authorised")

    # --- CIN plan with contingency ---------------------------------------------------------
    # When the worker starts the CIN plan from Jayden's page
    page.goto(child_url)
    page.get_by_role("link", name="Start a child in need plan").click()
    check_page(page, "cin-plan-start")
    _submit(page, "Start the plan")
    expect(_heading(page)).to_contain_text("Child in need plan")
    plan_url = page.url
    check_page(page, "cin-plan-draft")

    # And adds an outcome measured on Jayden's own 0-10 scale, with its baseline
    page.get_by_role("link", name="Add an outcome").click()
    check_page(page, "cin-plan-outcome")
    page.get_by_label("What will be different for the child").fill(
        "Jayden has breakfast and gets to school on time every day"
    )
    page.get_by_label("Scale 0-10: the child").check()
    page.get_by_label("Baseline score now (0 to 10)").fill("3")
    _submit(page, "Add outcome")
    outcomes = page.get_by_role("table", name=re.compile("Outcomes"))
    expect(outcomes).to_contain_text("Scale 0-10: the child")

    # And an action
    page.get_by_role("link", name="Add an action").click()
    check_page(page, "cin-plan-action")
    page.get_by_label("What will be done").fill("Breakfast club place from Monday")
    page.get_by_label("Or: which agency or professional will do it").fill("Oakfield Primary")
    fill_date(page, "Done by", today + dt.timedelta(days=14))
    _submit(page, "Add action")
    expect(page.get_by_role("table", name="Actions")).to_contain_text("Breakfast club")
    expect(page.get_by_test_id("contingency-tag")).to_contain_text("Missing:")

    # Then the manager cannot authorise it yet: the missing parts of the contingency are named
    boss.goto(plan_url)
    check_page(boss, "cin-plan-manager-draft")
    boss.get_by_role("link", name="Authorise this version").click()
    check_page(boss, "cin-plan-authorise")
    _submit(boss, "Authorise plan")
    problem = boss.locator(".govuk-error-summary")
    expect(problem).to_contain_text("what would show the plan is not working")
    expect(problem).to_contain_text("family network considered")
    check_page(boss, "cin-plan-authorise-refused")

    # When the worker adds the contingency: triggers, response, who acts, FGC status
    page.goto(plan_url)
    page.get_by_role("link", name="Change the contingency arrangements").click()
    check_page(page, "cin-plan-contingency")
    page.get_by_label("What would show the plan is not working").fill(
        "Two days off school in a week, or Jayden says there is no food"
    )
    page.get_by_label("What will then happen").fill("A home visit that day and a strategy review")
    page.get_by_label("Who acts").fill("Allocated social worker, or the duty worker")
    page.get_by_label("Offered", exact=True).check()
    _submit(page, "Save contingency arrangements")

    # And the family network member considered
    page.get_by_role("link", name="Add someone from the family network").click()
    check_page(page, "cin-plan-network")
    page.get_by_label("Patricia Clarke").check()
    page.get_by_label("How they were considered").fill(
        "Jayden can stay with his grandmother at short notice; she agreed"
    )
    _submit(page, "Add to the network considered")
    expect(page.get_by_test_id("contingency-tag")).to_have_text("Complete")
    check_page(page, "cin-plan-ready")

    # Then the manager authorises it and the plan is active
    boss.goto(plan_url)
    boss.get_by_role("link", name="Authorise this version").click()
    fill_date(boss, "Date authorised", today)
    _submit(boss, "Authorise plan")
    expect(_heading(boss)).to_contain_text("Active")
    check_page(boss, "cin-plan-active")

    # --- CIN review with the child's participation -----------------------------------------
    # When the worker records the CIN review, one part per page
    page.goto(plan_url)
    page.get_by_role("link", name="Record a CIN review").click()
    check_page(page, "cin-review-details")
    fill_date(page, "Date of the review", today)
    page.get_by_label("Time the review started").fill("00:00")
    page.get_by_label("Who chaired the review").select_option(value=str(manager.pk))
    _submit(page, "Continue")
    check_page(page, "cin-review-attendance")
    page.get_by_role("group", name="Sarah Clarke").get_by_label("Invited").check()
    page.get_by_role("group", name="Sarah Clarke").get_by_label("Attended").check()
    page.get_by_role("group", name="Daniel Clarke").get_by_label("Invited").check()
    professional = page.get_by_role("group", name="Professional 1")
    professional.get_by_label("Name").fill("Ms Shah")
    professional.get_by_label("Agency").fill("Oakfield Primary")
    professional.get_by_label("Attended").check()
    _submit(page, "Continue")
    check_page(page, "cin-review-participation")
    page.get_by_label("Attended and spoke for themselves").check()
    page.get_by_label("How the child's views were gathered, or why they were not").fill(
        "Jayden came for the first half and told us about breakfast club"
    )
    _submit(page, "Continue")
    check_page(page, "cin-review-ratings")
    page.get_by_label(re.compile("Outcome 1: Jayden")).fill("8")
    _submit(page, "Continue")
    check_page(page, "cin-review-decision")
    page.get_by_label("Yes", exact=True).check()
    page.get_by_label("What will change").fill("Early help keeps breakfast club going")
    page.get_by_label("Step down to early help").check()
    _submit(page, "Continue")
    expect(_heading(page)).to_have_text("Check your answers before recording the review")
    check_page(page, "cin-review-check")
    _submit(page, "Record the review")

    # Then the review shows how Jayden took part and the decision
    expect(_heading(page)).to_contain_text("Child in need review on")
    expect(page.get_by_text("Attended and spoke for themselves")).to_be_visible()
    expect(page.get_by_text("Step down to early help")).to_be_visible()
    check_page(page, "cin-review-detail")

    # --- Step-down to early help, and closure ----------------------------------------------
    # When the worker steps Jayden down to early help from his journey across levels
    page.goto(child_url)
    page.get_by_role("link", name="Early help and changes of level").click()
    check_page(page, "cin-journey-before-step-down")
    page.get_by_role("link", name=re.compile("Step down to early help from the")).click()
    check_page(page, "cin-step-down")
    fill_date(page, "Date of the step-down", today)
    page.get_by_label("Reason for the step-down").fill(
        "The plan is working: Jayden is in school and fed; his mother agrees to early help."
    )
    page.get_by_label("Lead organisation for early help").fill("Oakfield Family Hub")
    page.get_by_label("Lead practitioner for early help").fill("Dee Morgan")
    _submit(page, "Step down to early help")

    # Then the referral is closed, so Jayden has left the worker's caseload: they go home
    expect(_heading(page)).to_have_text("Your children")
    expect(page.get_by_role("alert", name="Success")).to_contain_text(
        "Stepped down to early help. The referral is closed"
    )
    expect(page.get_by_role("link", name="Jayden Clarke")).to_have_count(0)
    check_page(page, "cin-worker-home-after-step-down")

    # And the front door, who see every child, find the CIN episode closed with its reason
    front_door.goto(episode_url)
    summary = front_door.locator(".govuk-summary-list")
    expect(summary.locator(".govuk-summary-list__row", has_text="Closed")).to_contain_text(
        today_text
    )
    expect(
        summary.locator(".govuk-summary-list__row", has_text="Reason for closure")
    ).to_contain_text("RC7")
    expect(front_door.get_by_role("link", name="Close the episode")).to_have_count(0)
    check_page(front_door, "cin-episode-closed")

    # And early help started, with the plan and the family network carried into it
    front_door.get_by_role("link", name="Jayden Clarke").click()
    page = front_door
    page.get_by_role("link", name="Early help and changes of level").click()
    page.get_by_role("table", name="Early help").get_by_role("link").click()
    expect(page.get_by_text("Oakfield Family Hub")).to_be_visible()
    expect(page.get_by_text(re.compile("Patricia Clarke: Jayden can stay"))).to_be_visible()
    check_page(page, "cin-early-help")

    # --- The child's page ------------------------------------------------------------------
    # When they open Jayden's page
    page.goto(child_url)

    # Then his level is early help
    expect(page.get_by_test_id("child-status")).to_contain_text("Early help")
    expect(page.get_by_test_id("child-status")).to_contain_text(
        "Not open to children's social care"
    )

    # And the journey across levels shows the move to child in need and the step-down
    journey = page.get_by_role("list", name="Journey across levels")
    steps = journey.get_by_role("listitem")
    expect(steps).to_have_count(2)
    expect(steps.nth(0)).to_contain_text("Child in need")
    expect(steps.filter(has_text="Step-down to early help")).to_contain_text(
        re.compile(r"Child in need\s+to\s+Early help")
    )

    # And the chronology lists the referral, the assessment, the plan and the review
    chronology = page.get_by_role("table", name="Latest in the chronology")
    for kind in ("Referral", "Assessment authorised", "Plan started", "Review or meeting"):
        expect(chronology.get_by_role("cell", name=kind, exact=True).first).to_be_visible()
    check_page(page, "cin-child-stepped-down")

    # And the full chronology has every record from the contact on
    page.get_by_role("link", name="View the full chronology").click()
    full = page.get_by_role("table").first
    for kind in (
        "Contact",
        "Threshold decision",
        "Referral",
        "Assessment started",
        "Assessment authorised",
        "Plan started",
        "Review or meeting",
        "Plan ended",
        "Early help started",
    ):
        expect(full.get_by_role("cell", name=kind, exact=True).first).to_be_visible()
    check_page(page, "cin-chronology")
