"""The CIN census page in a browser, with the axe check (WCAG 2.2 AA) on every page visited: a
performance analyst opens the statutory returns from the oversight page, starts a run of the
2025/26 return (ADR 0025; the run happens inside the request in tests), sees its page with the
progress and the validation results, finds it among the recent runs, and follows a failing rule
to the child's record. Clock: 20 April 2026."""

import datetime as dt

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from cairn.accounts.roles import Role
from cairn.returns.models import ReturnRun, RunStatus
from cairn.testing.census_factories import build_census_council
from cairn.tests.browser.helpers import check_page, open_oversight_page, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def pinned_today(tmp_path):
    with override_settings(
        CAIRN_TODAY=dt.date(2026, 4, 20).isoformat(), CAIRN_RETURNS_DIR=tmp_path / "returns"
    ):
        yield


def test_an_analyst_checks_the_census_and_follows_a_failure_to_the_child(page, users):
    children = build_census_council()
    children["ben"].ethnicity = "XXXX"  # a code the census does not know: rule 4220
    children["ben"].save(update_fields=["ethnicity"])

    sign_in(page, users[Role.PERFORMANCE_ANALYST].username)
    open_oversight_page(page, "Statutory returns")
    expect(page.get_by_role("heading", level=1)).to_have_text("Statutory returns")
    check_page(page, "returns-index")

    page.get_by_role("link", name="CIN census").click()
    check_page(page, "census-form")
    page.get_by_label("2025/26 (31 March 2026)").check()
    page.get_by_role("button", name="Produce and check the return").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("CIN census as of 31 March 2026")
    expect(page.get_by_test_id("run-status")).to_have_text("Done")
    expect(page.get_by_test_id("run-progress")).to_contain_text("4 of 4 children (100%)")
    expect(page.get_by_test_id("summary")).to_contain_text("4 children, 1 errors")
    expect(page.get_by_role("link", name="Download the return (XML)")).to_be_visible()
    check_page(page, "census-run")
    run_url = page.url

    page.get_by_role("link", name="Statutory returns").first.click()
    runs = page.get_by_test_id("runs")
    expect(runs.get_by_role("row").filter(has_text="CIN census as of 2026-03-31")).to_contain_text(
        "Done"
    )
    check_page(page, "returns-index-with-runs")

    # The same page while a run is still going: the progress and a plain link to look again.
    run = ReturnRun.objects.get()
    ReturnRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING, processed=1, total=4)
    page.goto(run_url)
    expect(page.get_by_test_id("run-progress")).to_contain_text("1 of 4 children (25%)")
    expect(page.get_by_role("link", name="Download the return (XML)")).to_have_count(0)
    check_page(page, "census-run-in-progress")
    ReturnRun.objects.filter(pk=run.pk).update(status=RunStatus.DONE, processed=4)
    page.get_by_role("link", name="Check progress").click()
    expect(page.get_by_test_id("run-status")).to_have_text("Done")

    row = page.get_by_test_id("findings").get_by_role("row").filter(has_text="4220")
    row.get_by_role("link", name="GC0002").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(children["ben"].family_name)
