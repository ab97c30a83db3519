"""Absence and cover in a browser, with the axe check (WCAG 2.2 AA) on every page visited: a
team manager records a worker's unplanned absence, sees the worker's children by nearest
deadline, sets cover, and the cover worker (in another team) then sees those children.

Given through the factories: the North team's worker with two open cases (referred on
different days), their manager, and a South team social worker. Every step after that is done
through the pages. The clock is not pinned: dates are relative to today.
"""

import datetime as dt

import pytest
from playwright.sync_api import expect

from cairn.accounts.roles import Role
from cairn.core import clock
from cairn.people.presenters import format_date
from cairn.testing.browser import new_page_in_context
from cairn.testing.factories import AllocationFactory, PersonFactory, UserFactory
from cairn.testing.frontdoor_factories import AssessmentFactory, EpisodeFactory
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


@pytest.fixture
def council(teams):
    north = teams["north"]
    people = {
        "worker": UserFactory(
            username="north.worker",
            first_name="Sam",
            last_name="Whitfield",
            role=Role.SOCIAL_WORKER,
            team=north,
        ),
        "manager": UserFactory(
            username="north.manager",
            first_name="Helen",
            last_name="Marsh",
            role=Role.TEAM_MANAGER,
            team=north,
        ),
        "cover": UserFactory(
            username="south.worker",
            first_name="Priya",
            last_name="Naidoo",
            role=Role.SOCIAL_WORKER,
            team=teams["south"],
        ),
    }
    today = clock.today()
    # Ava was referred longer ago, so her deadlines (the assessment's 45 working days and the
    # monthly management oversight, both counted from the referral) come first.
    for given, family, days_ago in (("Leo", "Barnes", 10), ("Ava", "Patel", 50)):
        started = today - dt.timedelta(days=days_ago)
        child = PersonFactory(given_name=given, family_name=family)
        AllocationFactory(child=child, team=north, worker=people["worker"], started_on=started)
        episode = EpisodeFactory(child=child, referral_date=started)
        AssessmentFactory(
            episode=episode, started_on=started, target_date=started + dt.timedelta(days=63)
        )
    return people


def test_a_manager_sets_cover_for_an_absent_worker(open_page, council):
    today = clock.today()
    worker, cover = council["worker"], council["cover"]

    # Given the team manager, when they record Sam's unplanned absence from today
    manager = open_page(council["manager"].username)
    open_oversight_page(manager, "Absence and cover")
    check_page(manager, "absence-list-empty")
    manager.get_by_role("link", name="Record an absence").click()
    check_page(manager, "absence-record")
    manager.get_by_label("Who is away?").select_option(str(worker.pk))
    manager.get_by_label("Unplanned").check()
    fill_date(manager, "First day of the absence", today)
    _submit(manager, "Record absence")

    # Then they see Sam's children, the nearest deadline first, none covered
    expect(manager.get_by_role("heading", level=1)).to_have_text("Sam Whitfield")
    children = manager.get_by_role("table", name="Their children, nearest deadline first")
    rows = children.get_by_role("row")
    expect(rows.nth(1)).to_contain_text("Ava Patel")
    expect(rows.nth(2)).to_contain_text("Leo Barnes")
    expect(manager.get_by_text("2 children; 2 without cover today.")).to_be_visible()
    check_page(manager, "absence-detail-no-cover")

    # And Ava's page says cover is needed
    manager.get_by_role("link", name="Ava Patel", exact=True).click()
    expect(manager.get_by_text("Allocated worker absent with no cover")).to_be_visible()
    check_page(manager, "absence-child-worker-absent")
    manager.go_back()

    # When they set Priya (South team) as cover for all Sam's children for a week
    manager.get_by_role("link", name="Set cover for all their children").click()
    check_page(manager, "absence-cover-form")
    manager.get_by_label("Cover worker").select_option(str(cover.pk))
    fill_date(manager, "First day of the cover", today)
    fill_date(manager, "Last day of the cover", today + dt.timedelta(days=7))
    _submit(manager, "Set cover")

    # Then every child is covered
    expect(manager.get_by_text("2 children; 0 without cover today.")).to_be_visible()
    check_page(manager, "absence-detail-covered")

    # And Priya sees Sam's children on her home page and can open their records
    covering = open_page(cover.username)
    until = format_date(today + dt.timedelta(days=7))
    expect(
        covering.get_by_role("heading", name=f"Covering for Sam Whitfield until {until}")
    ).to_be_visible()
    table = covering.get_by_role("table", name="Children you are covering")
    expect(table).to_contain_text("Ava Patel")
    expect(table).to_contain_text("Leo Barnes")
    check_page(covering, "absence-cover-worker-home")
    table.get_by_role("link", name="Ava Patel", exact=True).click()
    expect(covering.get_by_role("heading", level=1)).to_contain_text("Ava Patel")
    expect(covering.get_by_text("Allocated worker absent with no cover")).to_have_count(0)
    check_page(covering, "absence-cover-worker-child")
