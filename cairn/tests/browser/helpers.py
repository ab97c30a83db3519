"""Steps shared by the browser journeys."""

import os
import re
import tempfile
from pathlib import Path
from urllib.parse import urlparse

from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Error as PlaywrightError

from cairn.testing.two_factor import code_for_device, code_for_secret
from cairn.tests.browser.accessibility import assert_accessible

PASSWORD = "correct-horse-battery"  # UserFactory's password
# Screenshots of every checked page, to look at: /tmp/cairn-<name>.png unless told otherwise.
SCREENSHOT_DIR = Path(os.environ.get("CAIRN_SCREENSHOT_DIR") or tempfile.gettempdir())
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.DOTALL | re.IGNORECASE)


def sign_in(page, username: str, password: str = PASSWORD) -> None:
    """Sign in through the sign-in form, then the second step when it follows (set up the
    authenticator app the first time, enter its code after), and wait for the page it leads to."""
    page.goto("/accounts/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    complete_two_factor(page, username)


def complete_two_factor(page, username: str) -> None:
    """On the set-up page, read the secret key as a user types it into their app; on the code
    page, compute the code the user's app shows now (the key from the database: the live server
    shares it). Elsewhere (a wrong password, two-factor off) do nothing."""
    path = urlparse(page.url).path
    if path == "/accounts/sign-in/set-up-app/":
        code = code_for_secret(page.get_by_test_id("totp-secret").inner_text())
        button = "Set up and continue"
    elif path == "/accounts/sign-in/code/":
        code = code_for_device(TOTPDevice.objects.get(user__username=username, confirmed=True))
        button = "Continue"
    else:
        return
    page.get_by_label("Code from your authenticator app").fill(code)
    page.get_by_role("button", name=button).click()
    page.wait_for_load_state()


def sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()


_JS_MARK = "document.body ? document.body.classList.contains('js-enabled') : null"


def javascript_ran(page) -> bool:
    """Whether the page's scripts ran: base.html's first script marks the body `js-enabled`.

    A form submission may still be navigating when this is called, so wait for the new page's
    body rather than reading the old one or none."""
    for _ in range(100):
        page.wait_for_load_state("load")
        try:
            state = page.evaluate(_JS_MARK)
        except PlaywrightError:  # the page navigated while we asked
            state = None
        if state is not None:
            return state
        page.wait_for_timeout(100)
    raise AssertionError(f"{page.url} never finished loading")


def check_page(page, name: str) -> None:
    """Check the page with axe; keep a screenshot (SCREENSHOT_DIR/cairn-<name>.png) to look at.

    axe needs script timers, which a context without JavaScript does not run (page.evaluate of
    axe never returns there). So a page from such a context is checked as it is: its HTML,
    scripts removed, is served at the same URL to a JavaScript-enabled page, which loads the
    same stylesheets from the live server, and axe runs there."""
    if javascript_ran(page):
        page.screenshot(path=SCREENSHOT_DIR / f"cairn-{name}.png", full_page=True)
        assert_accessible(page, name)
        return
    html = _SCRIPT.sub("", page.content())
    context = page.context.browser.new_context(viewport=page.viewport_size)
    try:
        checker = context.new_page()
        checker.route(
            page.url,
            lambda route: route.fulfill(
                status=200, content_type="text/html; charset=utf-8", body=html
            ),
        )
        checker.goto(page.url)
        checker.screenshot(path=SCREENSHOT_DIR / f"cairn-{name}.png", full_page=True)
        assert_accessible(checker, f"{name} (without JavaScript)")
    finally:
        context.close()


def fill_date(page, legend: str, date) -> None:
    """Fill a GOV.UK date input (day, month, year) found by its fieldset legend."""
    group = page.get_by_role("group", name=legend, exact=True)
    group.get_by_label("Day").fill(str(date.day))
    group.get_by_label("Month").fill(str(date.month))
    group.get_by_label("Year").fill(str(date.year))


def open_oversight_page(page, name: str) -> None:
    """Open an oversight page the way a user does: "Oversight" in the menu, then its link."""
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Oversight").click()
    page.get_by_role("main").get_by_role("link", name=name, exact=True).click()
    page.wait_for_load_state()
