"""Browser fixtures shared by every browser test (a pytest plugin loaded by the root conftest):
Debian's Chromium, driven by Playwright's sync API, against pytest-django's live server.

One session-wide browser for the whole run: Playwright's sync API allows one running instance.
Never run `playwright install`: it downloads a browser. CI installs Debian's Chromium
(`make browser-deps`); where /usr/bin/chromium is absent the browser tests are skipped.
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django refuses ORM calls from a
# thread with a running loop unless told this is safe (it is: the loop only drives the browser).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

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


def new_page_in_context(browser, live_server, **context_options):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}, **context_options
    )
    context.set_default_timeout(10_000)
    return context, context.new_page()


@pytest.fixture
def page(browser, live_server):
    context, page = new_page_in_context(browser, live_server)
    yield page
    context.close()


@pytest.fixture
def page_without_js(browser, live_server):
    """A page in a context with JavaScript turned off: the service must work without it."""
    context, page = new_page_in_context(browser, live_server, java_script_enabled=False)
    yield page
    context.close()
