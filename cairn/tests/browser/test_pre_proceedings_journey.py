"""The pre-proceedings journey in a browser, with the axe check (WCAG 2.2 AA) on every page
visited: a review child protection conference asks for a legal planning meeting -> the meeting
decides to start pre-proceedings for a brother and sister together -> the tracker flags the
letter not sent -> letter before proceedings -> family group decision-making -> initial and
review meetings with the parents -> the tracker shows them on track -> step down to the child
protection plan, then the child's page.

The team manager works it (legal records are a management decision). The given (users, the
children at the child protection level, their mother and the review conference that asked for
the meeting) is set up directly; every step after that is done through the pages. The clock is
pinned to 1 June 2026 so the steps can be weeks apart.
"""

import datetime as dt

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from cairn.accounts.roles import Role
from cairn.casework.models import MeetingKind
from cairn.frontdoor.models import Level
from cairn.frontdoor.selectors import child_current_level
from cairn.frontdoor.services.levels import transition_write
from cairn.people.services import adult_register, relationship_create
from cairn.testing.browser import new_page_in_context
from cairn.testing.factories import AllocationFactory, PersonFactory
from cairn.testing.legal_factories import at
from cairn.testing.plans_factories import EpisodeFactory
from cairn.testing.protection_factories import (
    ConferenceDetailFactory,
    ConferenceMeetingFactory,
    S47EnquiryFactory,
)
from cairn.tests.browser.helpers import check_page, fill_date, open_oversight_page, sign_in

pytestmark = pytest.mark.browser

TODAY = dt.date(2026, 6, 1)


@pytest.fixture(autouse=True)
def pinned_today():
    with override_settings(CAIRN_TODAY=TODAY.isoformat()):
        yield


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


@pytest.fixture
def family(teams, users):
    """Amara and her brother Kofi, open to the North team on child protection plans, their
    mother, and Amara's review conference on 2 March 2026 that asked for legal planning."""
    worker, manager = users[Role.SOCIAL_WORKER], users[Role.TEAM_MANAGER]
    children = []
    for given, born in (("Amara", dt.date(2017, 4, 2)), ("Kofi", dt.date(2020, 9, 14))):
        child = PersonFactory(given_name=given, family_name="Mensah", date_of_birth=born)
        AllocationFactory(child=child, team=teams["north"], worker=worker)
        EpisodeFactory(child=child, referral_date=dt.date(2025, 10, 1))
        transition_write(
            actor=manager,
            child=child,
            occurred_on=dt.date(2025, 11, 3),
            to_level=Level.CP,
            reason="Child protection plan",
        )
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
    review = ConferenceDetailFactory(
        s47=S47EnquiryFactory(episode=children[0].episodes.get()),
        meeting=ConferenceMeetingFactory(kind=MeetingKind.RCPC, held_at=at(dt.date(2026, 3, 2))),
        refer_legal_planning=True,
    )
    return {"amara": children[0], "kofi": children[1], "review": review}


def _submit(page, name: str) -> None:
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state()


def _heading(page):
    return page.get_by_role("heading", level=1)


def _tracker_row(page):
    return page.get_by_test_id("pp-tracker").get_by_role("row").filter(has_text="Amara Mensah")


def test_the_pre_proceedings_journey(open_page, users, family):  # noqa: PLR0915
    amara, kofi = family["amara"], family["kofi"]
    manager = open_page(users[Role.TEAM_MANAGER].username)

    # --- Legal planning, asked for by the review conference -------------------------------
    # Given the review conference that asked for a legal planning meeting
    manager.goto(f"/child-protection/conferences/{family['review'].meeting_id}/")
    check_page(manager, "pp-review-conference")
    # When the manager follows its link and records the meeting for both children
    manager.get_by_role(
        "link", name="Record the legal planning meeting this conference asked for"
    ).click()
    expect(_heading(manager)).to_have_text("Record a legal planning meeting")
    expect(manager.get_by_test_id("intro")).to_contain_text(
        "review child protection conference on 2 March 2026"
    )
    check_page(manager, "pp-lpm-form")
    _submit(manager, "Record the legal planning meeting")
    # (nothing filled in: every error is listed, nothing is recorded)
    expect(manager.get_by_role("alert")).to_contain_text("Enter the concerns")
    check_page(manager, "pp-lpm-errors")
    fill_date(manager, "Date of the legal planning meeting", dt.date(2026, 3, 9))
    manager.get_by_label("Time it started").fill("10:00")
    manager.get_by_label("Kofi Mensah").check()
    manager.get_by_label("Legal adviser").fill("Hannah Reid")
    manager.get_by_label("Manager").fill("Helen Marsh")
    manager.get_by_label("Social worker").fill("Sam Whitfield")
    manager.get_by_label("Concerns").fill(
        "Neglect continues despite nine months on a child protection plan."
    )
    manager.get_by_label("Start pre-proceedings").check()
    manager.get_by_label("Reasons for the decision").fill(
        "Threshold met; the parents need legal advice and a last chance to change."
    )
    _submit(manager, "Record the legal planning meeting")

    # Then the meeting is recorded, asked for by the conference, with pre-proceedings started
    expect(_heading(manager)).to_have_text("Legal planning meeting")
    expect(manager.get_by_text("A child protection review conference")).to_be_visible()
    expect(manager.get_by_text("9 March 2026")).to_be_visible()
    check_page(manager, "pp-lpm-detail")
    manager.get_by_role("link", name="Pre-proceedings from this meeting").click()
    expect(_heading(manager)).to_have_text("Pre-proceedings")
    expect(manager.get_by_text("Amara Mensah, Kofi Mensah")).to_be_visible()
    pp_url = manager.url
    check_page(manager, "pp-detail-started")
    assert child_current_level(child=kofi) == Level.PRE_PROCEEDINGS

    # --- The tracker flags the letter not sent ------------------------------------------------
    open_oversight_page(manager, "Pre-proceedings tracker")
    expect(_heading(manager)).to_have_text("Pre-proceedings tracker")
    expect(_tracker_row(manager)).to_contain_text("Letter not sent")
    expect(manager.get_by_test_id("delay-count")).to_contain_text("1 of 1")
    check_page(manager, "pp-tracker-letter-late")

    # --- Letter before proceedings and family group decision-making ------------------------------
    manager.goto(pp_url)
    manager.get_by_role("link", name="Record the letter before proceedings").click()
    check_page(manager, "pp-letter-form")
    fill_date(manager, "Date the letter before proceedings was sent", dt.date(2026, 3, 11))
    manager.get_by_label("What the letter asks the parents to change").fill(
        "Keep the home safe and clean; get the children to school every day; attend parenting."
    )
    _submit(manager, "Record the letter")
    expect(manager.get_by_text("11 March 2026")).to_be_visible()
    check_page(manager, "pp-letter-sent")

    manager.get_by_role("link", name="Record family group decision-making").click()
    check_page(manager, "pp-fgdm-form")
    manager.get_by_label("Yes").check()
    fill_date(manager, "Date offered", dt.date(2026, 3, 12))
    fill_date(manager, "Date the family group meeting was held", dt.date(2026, 3, 20))
    _submit(manager, "Record family group decision-making")
    expect(manager.get_by_text("Offered 12 March 2026; held 20 March 2026")).to_be_visible()
    check_page(manager, "pp-fgdm-recorded")

    # --- Initial and review meetings with the parents ------------------------------------------
    # A review before the initial meeting is refused with the reason
    manager.get_by_role("link", name="Record a review meeting").click()
    fill_date(manager, "Date of the meeting", dt.date(2026, 3, 23))
    manager.get_by_label("Time it started").fill("14:00")
    manager.get_by_label("Progress against what the letter asked to change").fill("Some")
    _submit(manager, "Record the meeting")
    expect(manager.get_by_role("alert")).to_contain_text(
        "Record the initial pre-proceedings meeting before a review meeting"
    )
    check_page(manager, "pp-review-refused")
    manager.goto(pp_url)

    manager.get_by_role("link", name="Record the initial meeting").click()
    expect(_heading(manager)).to_have_text("Initial pre-proceedings meeting")
    check_page(manager, "pp-initial-form")
    fill_date(manager, "Date of the meeting", dt.date(2026, 3, 23))
    manager.get_by_label("Time it started").fill("14:00")
    manager.get_by_label("Parents and others who attended").fill(
        "Efua Mensah\nJo Grant (solicitor)"
    )
    manager.get_by_label("Yes").check()
    _submit(manager, "Record the meeting")
    meetings = manager.get_by_role("table", name="Meetings")
    expect(meetings).to_contain_text("23 March 2026")
    expect(meetings).to_contain_text("Parents' legal representation: Yes")
    check_page(manager, "pp-initial-recorded")

    manager.get_by_role("link", name="Record a review meeting").click()
    check_page(manager, "pp-review-form")
    fill_date(manager, "Date of the meeting", dt.date(2026, 5, 4))
    manager.get_by_label("Time it started").fill("14:00")
    manager.get_by_label("Parents and others who attended").fill("Efua Mensah")
    manager.get_by_label("Progress against what the letter asked to change").fill(
        "School attendance 96%; home conditions good at four unannounced visits."
    )
    _submit(manager, "Record the meeting")
    expect(meetings).to_contain_text("School attendance 96%")
    check_page(manager, "pp-review-recorded")

    # --- The tracker shows them on track ---------------------------------------------------------
    manager.goto("/legal/trackers/pre-proceedings/")
    row = _tracker_row(manager)
    expect(row).to_contain_text("On track")
    expect(row).to_contain_text("16 weeks: 1 July 2026")  # letter + 16 weeks (PLO_DURATION)
    expect(row).to_contain_text("Reviews: 1")
    check_page(manager, "pp-tracker-on-track")

    # --- Step down ---------------------------------------------------------------------------
    manager.goto(pp_url)
    manager.get_by_role("link", name="Record the step decision").click()
    check_page(manager, "pp-step-form")
    fill_date(manager, "Date of the step decision", dt.date(2026, 5, 18))
    manager.get_by_label("Step down", exact=True).check()
    manager.get_by_label("If stepping down, to which plan").select_option("cp")
    manager.get_by_label("Reasons").fill(
        "Sustained change: the children can be safe with a child protection plan."
    )
    _submit(manager, "Record the step decision")
    expect(manager.get_by_text("Step down to child protection (18 May 2026)")).to_be_visible()
    expect(manager.get_by_role("link", name="Record the step decision")).to_have_count(0)
    check_page(manager, "pp-stepped-down")
    assert child_current_level(child=amara) == Level.CP
    assert child_current_level(child=kofi) == Level.CP

    # Then the child's page lists the legal history and the tracker no longer lists them
    manager.get_by_role("link", name="Back to Amara Mensah").click()
    legal = manager.get_by_test_id("child-legal")
    expect(legal).to_contain_text("Legal planning meeting, 9 March 2026")
    expect(legal).to_contain_text("Pre-proceedings from 9 March 2026")
    check_page(manager, "pp-child-after")
    manager.goto("/legal/trackers/pre-proceedings/")
    expect(manager.get_by_text("No children are in pre-proceedings.")).to_be_visible()
    check_page(manager, "pp-tracker-empty")
