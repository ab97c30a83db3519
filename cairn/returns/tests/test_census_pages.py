"""The returns index and the CIN census page: who may open them, starting a run, the run's page
with each failing child linked to their record, and the download (ADRs 0020, 0025). Runs happen
inside the request in tests (CAIRN_RETURNS_RUN_INLINE)."""

import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse

from cairn.accounts.roles import Role
from cairn.returns.census.validation import parse_return
from cairn.returns.models import ReturnKind, ReturnRun, RunStatus
from cairn.testing.census_factories import build_census_council

pytestmark = pytest.mark.django_db

ALLOWED = {Role.PERFORMANCE_ANALYST, Role.SENIOR_LEADER, Role.SYSTEM_ADMIN}


@pytest.fixture(autouse=True)
def after_the_year(settings, tmp_path):
    settings.CAIRN_RETURNS_DIR = tmp_path / "returns"
    with time_machine.travel(dt.datetime(2026, 4, 20, 9, tzinfo=dt.UTC), tick=False):
        yield


def start(client, reference_date="2026-03-31"):
    return client.post(reverse("returns:census"), {"reference_date": reference_date})


@pytest.mark.parametrize("role", [r for r in Role if r != Role.SYSTEM], ids=lambda r: r.value)
def test_only_analysts_leaders_and_admins_open_the_returns_pages(client, users, role):
    client.force_login(users[role])
    expected = 200 if role in ALLOWED else 403
    assert client.get(reverse("returns:index")).status_code == expected
    assert client.get(reverse("returns:census")).status_code == expected
    assert start(client).status_code == (302 if role in ALLOWED else 403)
    assert ReturnRun.objects.exists() == (role in ALLOWED)


def test_the_index_lists_the_census(client, users):
    client.force_login(users[Role.PERFORMANCE_ANALYST])
    response = client.get(reverse("returns:index"))
    assert reverse("returns:census") in response.content.decode()


def test_the_census_page_offers_the_years_that_have_ended(client, users):
    client.force_login(users[Role.PERFORMANCE_ANALYST])
    response = client.get(reverse("returns:census"))
    choices = [value for value, _ in response.context["form"].fields["reference_date"].choices]
    assert choices[0] == "2026-03-31"
    assert "2027-03-31" not in choices
    assert 'method="post"' in response.content.decode()


def test_a_year_not_offered_is_refused_with_a_reason_and_nothing_starts(client, users):
    client.force_login(users[Role.PERFORMANCE_ANALYST])
    response = start(client, "2026-04-01")
    assert response.status_code == 200
    assert "Select one of the census years listed" in response.content.decode()
    assert not ReturnRun.objects.exists()


def test_starting_a_run_shows_its_page_with_the_result_and_links_each_child(client, users):
    children = build_census_council()
    amy = children["amy"]
    amy.ethnicity = "XXXX"  # a bad code at source: rule 4220
    amy.save(update_fields=["ethnicity"])
    client.force_login(users[Role.PERFORMANCE_ANALYST])
    response = start(client)
    run = ReturnRun.objects.get()
    assert response["Location"] == reverse("returns:run_detail", args=[run.pk])
    assert (run.kind, run.reference_date) == (ReturnKind.CIN_CENSUS, dt.date(2026, 3, 31))
    assert (run.status, run.processed, run.total, run.errors) == (RunStatus.DONE, 4, 4, 1)
    page = client.get(response["Location"])
    rows = {row.code: row for row in page.context["rows"]}
    assert rows["4220"].type == "error"
    [link] = rows["4220"].children
    assert link.la_child_id == "GC0001"
    assert link.url == reverse("casework:child_detail", args=[amy.pk])
    html = page.content.decode()
    assert f'href="{link.url}"' in html
    assert "4 of 4 children" in html
    assert "(100%)" in html
    assert "4 children, 1 errors" in html
    assert reverse("returns:run_download", args=[run.pk]) in html


def test_the_download_is_the_return(client, users):
    build_census_council()
    client.force_login(users[Role.SENIOR_LEADER])
    run_url = start(client)["Location"]
    run = ReturnRun.objects.get()
    response = client.get(reverse("returns:run_download", args=[run.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="cin_census_2026.xml"'
    assert response["Content-Type"] == "application/xml"
    body = b"".join(response.streaming_content)
    ret = parse_return(io.BytesIO(body))
    assert [c.id for c in ret.children] == ["GC0001", "GC0002", "GC0003", "GC0004"]
    assert run_url == reverse("returns:run_detail", args=[run.pk])
