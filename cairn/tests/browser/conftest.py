"""Fixtures for the browser tests: Debian's Chromium, driven by Playwright's sync API, against
pytest-django's live server (a transactional database, flushed after each test).

Never run `playwright install`: it downloads a browser. CI installs Debian's Chromium
(`make browser-deps`); where /usr/bin/chromium is absent the browser tests are skipped.
"""

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django refuses ORM calls from a
# thread with a running loop unless told this is safe (it is: the loop only drives the browser).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from cairn.accounts.roles import Role  # noqa: E402
from cairn.people.services import adult_register, relationship_create  # noqa: E402
from cairn.testing.factories import (  # noqa: E402
    AllocationFactory,
    PersonFactory,
)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(
            f"{CHROMIUM} is not installed: run `make browser-deps` "
            "(apt-get install chromium) to run the browser tests"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _new_page(browser, live_server, **context_options):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}, **context_options
    )
    context.set_default_timeout(10_000)
    return context, context.new_page()


@pytest.fixture
def page(browser, live_server):
    context, page = _new_page(browser, live_server)
    yield page
    context.close()


@pytest.fixture
def page_without_js(browser, live_server):
    """A page in a context with JavaScript turned off: the service must work without it."""
    context, page = _new_page(browser, live_server, java_script_enabled=False)
    yield page
    context.close()


@dataclass
class Caseload:
    worker: object
    child: object  # the child with a family network
    other_child: object
    mother: object
    father: object
    sibling: object


@pytest.fixture
def social_worker(users):
    return users[Role.SOCIAL_WORKER]


@pytest.fixture
def caseload(teams, social_worker, child_in_north):
    """A social worker in the North team with two allocated children; one of them, Jayden
    Clarke, has a family network (mother, father and a sibling) recorded through the services."""
    actor = social_worker
    child = PersonFactory(
        given_name="Jayden", family_name="Clarke", date_of_birth=dt.date(2015, 3, 14)
    )
    AllocationFactory(child=child, team=teams["north"], worker=actor)
    sibling = PersonFactory(
        given_name="Mia", family_name="Clarke", date_of_birth=dt.date(2018, 7, 2)
    )
    AllocationFactory(child=sibling, team=teams["north"])
    mother = adult_register(
        actor=actor,
        given_name="Sarah",
        family_name="Clarke",
        date_of_birth=dt.date(1988, 5, 9),
        sex="F",
    )
    father = adult_register(
        actor=actor,
        given_name="Daniel",
        family_name="Clarke",
        date_of_birth=dt.date(1985, 11, 23),
        sex="M",
    )
    relationship_create(
        actor=actor, person=child, relative=mother, type="mother", same_household=True
    )
    relationship_create(actor=actor, person=child, relative=father, type="father")
    relationship_create(
        actor=actor, person=child, relative=sibling, type="sibling", same_household=True
    )
    return Caseload(
        worker=actor,
        child=child,
        other_child=child_in_north,
        mother=mother,
        father=father,
        sibling=sibling,
    )


@pytest.fixture
def ig_officer(users):
    return users[Role.IG_OFFICER]
