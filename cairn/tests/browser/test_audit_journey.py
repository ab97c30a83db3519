"""The case-audit programme in a browser, with the axe check (WCAG 2.2 AA) on every page
visited: a QA officer plans a cycle, selects a sample and allocates the audit; the child's
social worker sees it in their audit actions and adds their reflection; the auditor grades each
domain with evidence and submits; a second QA officer moderates (changing one grade, kept with
its reason); the auditor makes a recommendation; the worker records the action with a case note
made after the audit; the auditor verifies it and records the impact follow-up.

Given (set up through factories and services): the North team's social worker and manager,
Amara open to the team with an earlier visit, two QA officers, the audit tool in use and a
theme. Every step after that is done through the pages; every date is today.
"""

import datetime as dt

import pytest
from playwright.sync_api import expect

from cairn.accounts.roles import Role
from cairn.core import clock
from cairn.quality.models import Domain
from cairn.quality.services.programme import theme_create
from cairn.quality.services.tool import audit_tool_create, tool_version_publish
from cairn.testing.browser import new_page_in_context
from cairn.testing.factories import AllocationFactory, PersonFactory, UserFactory
from cairn.testing.records_factories import EpisodeFactory, VisitFactory
from cairn.tests.browser.helpers import check_page, fill_date, open_oversight_page, sign_in

pytestmark = pytest.mark.browser


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


def _submit(page, name: str) -> None:
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state()


def _nav(page, name: str) -> None:
    page.get_by_role("navigation", name="Menu").get_by_role("link", name=name).click()
    page.wait_for_load_state()


@pytest.fixture
def council(teams):
    manager = UserFactory(
        username="north.manager",
        first_name="Helen",
        last_name="Marsh",
        role=Role.TEAM_MANAGER,
        team=teams["north"],
    )
    worker = UserFactory(
        username="north.worker",
        first_name="Sam",
        last_name="Whitfield",
        role=Role.SOCIAL_WORKER,
        team=teams["north"],
        manager=manager,
    )
    auditor = UserFactory(
        username="qa.ruth", first_name="Ruth", last_name="Aldous", role=Role.QA_OFFICER, team=None
    )
    moderator = UserFactory(
        username="qa.kwame",
        first_name="Kwame",
        last_name="Mensah",
        role=Role.QA_OFFICER,
        team=None,
    )
    child = PersonFactory(
        given_name="Amara", family_name="Okafor", date_of_birth=dt.date(2016, 4, 2)
    )
    episode = EpisodeFactory(child=child, referral_date=clock.today() - dt.timedelta(days=120))
    AllocationFactory(
        child=child,
        team=teams["north"],
        worker=worker,
        started_on=clock.today() - dt.timedelta(days=119),
    )
    VisitFactory(
        child=child,
        episode=episode,
        worker=worker,
        visited_on=clock.today() - dt.timedelta(days=20),
        wishes_and_feelings="I want to stay with Nan at weekends",
    )
    version = audit_tool_create(actor=auditor, name="Fernbridge case audit tool")
    tool_version_publish(actor=auditor, version=version, change_summary="")
    theme_create(actor=auditor, name="Response to neglect")
    return {"worker": worker, "manager": manager, "auditor": auditor, "moderator": moderator}


def test_the_case_audit_journey(open_page, council):  # noqa: PLR0915
    today = clock.today()

    # --- Programme: plan a cycle, select a sample, allocate --------------------------------
    qa = open_page("qa.ruth")
    _nav(qa, "Case audits")
    check_page(qa, "audit-programme")
    qa.get_by_role("link", name="Plan an audit cycle").click()
    check_page(qa, "audit-cycle-form")
    qa.get_by_label("Name of the cycle").fill("This month's audit")
    qa.get_by_label("Monthly audit").check()
    fill_date(qa, "Starts on", today.replace(day=1))
    fill_date(qa, "Ends on", today + dt.timedelta(days=30))
    _submit(qa, "Plan the cycle")
    expect(qa.get_by_role("heading", level=1)).to_have_text("This month's audit")
    check_page(qa, "audit-cycle-new")

    qa.get_by_label("How many children").fill("1")
    _submit(qa, "Select the sample")
    expect(qa.get_by_test_id("sample-rule")).to_contain_text("1 of 1 children open on")
    qa.get_by_label("Auditor for Amara Okafor").select_option(label="Ruth Aldous")
    check_page(qa, "audit-cycle-sampled")
    _submit(qa, "Allocate")
    expect(qa.get_by_role("table", name="Children in the sample")).to_contain_text("Allocated")

    # --- The worker is told and takes part ---------------------------------------------------
    worker = open_page("north.worker")
    open_oversight_page(worker, "Your audit actions")
    check_page(worker, "audit-actions-invited")
    worker.get_by_role("table", name="Audits you are taking part in").get_by_role(
        "link", name="Amara Okafor"
    ).click()
    worker.get_by_label("Your reflection").fill("Agree: contingency needs Amara's nan in it.")
    _submit(worker, "Add your reflection")
    expect(worker.get_by_text("Agree: contingency needs Amara's nan in it.")).to_be_visible()
    check_page(worker, "audit-worker-reflection")

    # --- The auditor grades each domain with evidence, tags a theme and submits --------------
    _nav(qa, "Case audits")
    qa.get_by_role("table", name="Audits for you to complete or moderate").get_by_role(
        "link", name="Amara Okafor"
    ).click()
    audit_url = qa.url
    qa.get_by_role("link", name="Audit the record").click()
    check_page(qa, "audit-form")
    for domain in Domain:
        section = qa.get_by_role("group", name=domain.label, exact=True)
        section.get_by_role("group", name="Grade").get_by_label("Good", exact=True).check()
        section.get_by_label("What you found").fill(f"{domain.label}: sound practice.")
    voice = qa.get_by_role("group", name=Domain.CHILD_VOICE.label, exact=True)
    voice.get_by_label("Visit: Statutory child in need visit").check()
    overall = qa.get_by_role("group", name="Overall", exact=True)
    overall.get_by_role("group", name="Overall grade").get_by_label("Good", exact=True).check()
    qa.get_by_label("Summary of findings").fill("Amara is seen and heard; oversight is thin.")
    _submit(qa, "Save the audit")
    expect(qa.get_by_test_id("overall-grade")).to_have_text("Good")
    qa.get_by_label("Theme").select_option(label="Response to neglect")
    qa.get_by_label("Finding").fill("Neglect of routines recognised and acted on quickly.")
    _submit(qa, "Tag the theme")
    check_page(qa, "audit-graded")
    _submit(qa, "Submit for moderation")
    expect(qa.get_by_text("Awaiting moderation", exact=True)).to_be_visible()

    # --- A second QA officer moderates, changing one grade with a reason ---------------------
    moderator = open_page("qa.kwame")
    _nav(moderator, "Case audits")
    moderator.get_by_role("table", name="Audits for you to complete or moderate").get_by_role(
        "link", name="Amara Okafor"
    ).click()
    moderator.get_by_role("link", name="Moderate the audit").click()
    check_page(moderator, "audit-moderate")
    moderator.get_by_role("group", name=Domain.OVERSIGHT.label).get_by_label(
        "Requires improvement"
    ).check()
    moderator.get_by_label("Reason for any change").fill("No supervision recorded since March.")
    _submit(moderator, "Confirm moderation")
    changes = moderator.get_by_role("table", name="Grade changes")
    expect(changes).to_contain_text("Management oversight and supervision")
    expect(changes).to_contain_text("No supervision recorded since March.")
    check_page(moderator, "audit-moderated")

    # --- The auditor makes a recommendation for the worker -----------------------------------
    qa.goto(audit_url)
    qa.get_by_role("link", name="Make a recommendation").click()
    check_page(qa, "audit-recommendation-form")
    qa.get_by_label("What needs to be done for the child").fill(
        "Record Amara's nan in the contingency plan"
    )
    qa.get_by_label("Owner").select_option(label="Sam Whitfield")
    fill_date(qa, "Due by", today + dt.timedelta(days=28))
    _submit(qa, "Make the recommendation")
    expect(qa.get_by_role("table", name="Recommendations")).to_contain_text("Open")

    # --- The worker records the action with a record made after the audit --------------------
    worker.get_by_role("link", name="Back to Amara Okafor").click()
    check_page(worker, "audit-child-page")
    expect(
        worker.get_by_role("table", name="Audit recommendations not yet verified")
    ).to_be_visible()
    worker.get_by_role("link", name="Write a case note").click()
    fill_date(worker, "Date", today)
    worker.get_by_label("Subject").fill("Contingency plan updated")
    worker.get_by_label("Case note").fill("Nan agreed to care for Amara if home breaks down.")
    _submit(worker, "Save as draft")
    open_oversight_page(worker, "Your audit actions")
    worker.get_by_role("link", name="Record Amara's nan in the contingency plan").click()
    check_page(worker, "audit-recommendation-open")
    worker.get_by_label("Case note: Contingency plan updated").check()
    _submit(worker, "Record the action")
    expect(worker.get_by_text("Awaiting verification", exact=True)).to_be_visible()
    check_page(worker, "audit-recommendation-done")

    # --- The auditor verifies it, then records the impact follow-up -------------------------
    qa.goto(audit_url)
    qa.get_by_role("link", name="Record Amara's nan in the contingency plan").click()
    qa.get_by_label("Yes, verify it").check()
    check_page(qa, "audit-recommendation-verify")
    _submit(qa, "Save the decision")
    expect(qa.get_by_role("strong").filter(has_text="Verified")).to_be_visible()
    qa.goto(audit_url)
    qa.get_by_role("link", name="Record the impact follow-up").click()
    check_page(qa, "audit-follow-up-form")
    qa.get_by_label("Yes", exact=True).check()
    qa.get_by_label("What you found").fill("Nan now cares at weekends; Amara says she feels safer.")
    qa.get_by_label("Case note: Contingency plan updated").check()
    _submit(qa, "Record the follow-up")
    expect(qa.get_by_test_id("impact-answer")).to_have_text("Yes")
    check_page(qa, "audit-followed-up")

    # --- And the analysis shows it --------------------------------------------------------
    open_oversight_page(qa, "Audit analysis")
    expect(qa.get_by_test_id("analysis-impact")).to_contain_text("Yes")
    check_page(qa, "audit-analysis")
