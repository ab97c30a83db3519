"""export_annex_a: its contract (bad input, output), bounded queries, and the workbook opening
in LibreOffice (when installed)."""

import datetime as dt
import shutil
import subprocess
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from cairn.returns.annexa.period import Period, age_in_years, months_before
from cairn.returns.annexa.workbook import write_annex_a
from cairn.returns.tests.annexa.council import REFERENCE_DATE, build_council
from cairn.testing.factories import AllocationFactory, PersonFactory
from cairn.testing.frontdoor_factories import ContactChildFactory, EpisodeFactory
from cairn.testing.protection_factories import cp_plan_with_history

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", ["2026-02-30", "31/03/2026", "tomorrow"])
def test_a_bad_reference_date_is_refused(value, tmp_path):
    with pytest.raises(CommandError, match="real date written YYYY-MM-DD"):
        call_command("export_annex_a", reference_date=value, out=str(tmp_path / "a.xlsx"))
    assert not (tmp_path / "a.xlsx").exists()


def test_the_output_must_be_an_xlsx_file_in_an_existing_folder(tmp_path):
    with pytest.raises(CommandError, match=r"\.xlsx"):
        call_command("export_annex_a", reference_date="2026-03-31", out=str(tmp_path / "a.csv"))
    with pytest.raises(CommandError, match="does not exist"):
        call_command(
            "export_annex_a", reference_date="2026-03-31", out=str(tmp_path / "no" / "a.xlsx")
        )


def test_the_command_writes_eight_lists_and_says_how_many_rows(tmp_path):
    build_council()
    out, path = StringIO(), tmp_path / "annex.xlsx"
    call_command("export_annex_a", reference_date="2026-03-31", out=str(path), stdout=out)
    assert "List 1 3, List 2 1, List 3 3, List 4 2, List 5 1, List 6 4, List 7 1, List 8 1" in (
        out.getvalue()
    )
    assert load_workbook(path, read_only=True).sheetnames == [f"List {n}" for n in range(1, 9)]


def test_no_progress_is_drawn_when_stderr_is_not_a_terminal(tmp_path, capsys):
    call_command("export_annex_a", reference_date="2026-03-31", out=str(tmp_path / "a.xlsx"))
    assert capsys.readouterr().err == ""


def test_a_list_with_no_rows_is_its_header_alone(tmp_path):
    path = tmp_path / "empty.xlsx"
    counts = write_annex_a(period=Period(dt.date(2015, 3, 31)), out=path)
    assert set(counts.values()) == {0}
    book = load_workbook(path)
    for sheet in book.worksheets:
        assert sheet.max_row == 1
        assert all(cell.value for cell in sheet[1])  # no empty (styled) cell in the header


def test_the_window_is_a_parameter(tmp_path):
    build_council()
    three_months = write_annex_a(period=Period(REFERENCE_DATE, 3), out=tmp_path / "a.xlsx")
    # Contacts on 6 Oct 2025 fall out of a 3-month window; January and March stay.
    assert three_months["List 1"] == 2


def test_queries_do_not_grow_with_the_council(tmp_path):
    build_council()
    with CaptureQueriesContext(connection) as small:
        write_annex_a(period=Period(REFERENCE_DATE), out=tmp_path / "a.xlsx")
    for _ in range(4):
        child = PersonFactory()
        episode = EpisodeFactory(child=child, referral_date=dt.date(2025, 12, 1))
        ContactChildFactory(child=child)
        AllocationFactory(child=child, episode=episode, started_on=dt.date(2025, 12, 1))
        cp_plan_with_history(child=child, episode=episode, started_on=dt.date(2026, 1, 5))
    with CaptureQueriesContext(connection) as larger:
        counts = write_annex_a(period=Period(REFERENCE_DATE), out=tmp_path / "b.xlsx")
    assert counts["List 7"] == 5
    assert len(larger.captured_queries) == len(small.captured_queries)


def test_periods_and_ages():
    assert months_before(dt.date(2026, 3, 31), 6) == dt.date(2025, 10, 1)
    assert months_before(dt.date(2026, 8, 31), 6) == dt.date(2026, 3, 1)
    assert Period(dt.date(2026, 3, 31)).year_start == dt.date(2025, 4, 1)
    assert age_in_years(dt.date(2019, 3, 31), dt.date(2026, 3, 31)) == 7
    assert age_in_years(dt.date(2019, 4, 1), dt.date(2026, 3, 31)) == 6
    assert age_in_years(None, dt.date(2026, 3, 31)) is None


LIBREOFFICE = shutil.which("libreoffice") or shutil.which("soffice")


@pytest.mark.skipif(
    LIBREOFFICE is None,
    reason="LibreOffice is not installed here; the openpyxl read-back tests check types and "
    "formats instead",
)
def test_libreoffice_converts_the_workbook_without_complaint(tmp_path):
    build_council()
    path = tmp_path / "annex.xlsx"
    write_annex_a(period=Period(REFERENCE_DATE), out=path)
    completed = subprocess.run(  # noqa: S603
        [
            LIBREOFFICE,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            # CSV of the first sheet, cells "as shown" (else dates come out in the locale's order)
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    csv = (tmp_path / "annex.csv").read_text()
    assert csv.splitlines()[0].startswith("Child Unique ID,Gender,Ethnicity,Date of Birth")
    assert "02/03/2026" in csv  # the first list's dates read back as dd/mm/yyyy
