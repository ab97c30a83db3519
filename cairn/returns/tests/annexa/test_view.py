"""The Annex A page: who may use it, the date question, the run it starts and its download."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cairn.returns.models import ReturnKind, ReturnRun, RunStatus
from cairn.returns.tests.annexa.council import build_council
from cairn.returns.views.annexa import RETURNS_PERMISSION

URL = "/returns/annex-a/"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def private_folder(settings, tmp_path):
    settings.CAIRN_RETURNS_DIR = tmp_path / "returns"


def allowed_and_refused(users):
    allowed = [u for u in users.values() if u.has_perm(RETURNS_PERMISSION)]
    refused = [u for u in users.values() if not u.has_perm(RETURNS_PERMISSION)]
    assert allowed, f"no role has {RETURNS_PERMISSION} (cairn/returns/rules.py)"
    return allowed[0], refused


def test_the_page_has_its_url():
    assert reverse("returns:annexa_export") == URL


def test_users_without_the_returns_permission_are_refused(client, users):
    _, refused = allowed_and_refused(users)
    for user in refused:
        client.force_login(user)
        assert client.get(URL).status_code == 403, user.role
        assert client.post(URL, {}).status_code == 403, user.role
    assert not ReturnRun.objects.exists()


def test_a_missing_or_impossible_date_is_an_error_on_the_field(client, users):
    allowed, _ = allowed_and_refused(users)
    client.force_login(allowed)
    page = client.get(URL)
    assert page.status_code == 200
    assert "Reference date" in page.content.decode()
    response = client.post(URL, {})
    assert response.status_code == 200
    assert "Enter the reference date" in response.content.decode()
    response = client.post(
        URL,
        {"reference_date_0": "30", "reference_date_1": "2", "reference_date_2": "2026"},
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "govuk-error-summary" in response.content.decode()
    assert not ReturnRun.objects.exists()


def test_a_good_date_starts_a_run_whose_download_is_the_workbook(client, users):
    allowed, _ = allowed_and_refused(users)
    build_council()
    client.force_login(allowed)
    response = client.post(
        URL,
        {"reference_date_0": "31", "reference_date_1": "3", "reference_date_2": "2026"},
    )
    run = ReturnRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("returns:run_detail", args=[run.pk])
    assert (run.kind, run.status, run.processed, run.total) == (
        ReturnKind.ANNEX_A,
        RunStatus.DONE,
        8,
        8,
    )
    page = client.get(response["Location"]).content.decode()
    assert "8 of 8 lists" in page
    assert "Download the workbook (XLSX)" in page
    download = client.get(reverse("returns:run_download", args=[run.pk]))
    assert download["Content-Disposition"] == 'attachment; filename="annex-a-2026-03-31.xlsx"'
    assert download["Content-Type"] == XLSX
    book = load_workbook(io.BytesIO(b"".join(download.streaming_content)), read_only=True)
    assert book.sheetnames == [f"List {n}" for n in range(1, 9)]
    assert book["List 1"].max_row == 4  # the header and the council's three contacts
