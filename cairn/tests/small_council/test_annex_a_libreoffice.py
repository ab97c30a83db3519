"""The small council's Annex A workbook opens in LibreOffice (issue 9: "opens in Excel and
LibreOffice without repair prompts"). Headless LibreOffice Calc converts every sheet to CSV (one
file per sheet); each of the eight lists must convert, with its header row exactly as written and
its rows all there. A workbook LibreOffice had to repair, or could not read, fails the conversion
or loses sheets and rows.

LibreOffice comes from Debian's `libreoffice-calc-nogui` (`make browser-deps` installs it); the
test is skipped, with the reason, where it is absent.
"""

import csv
import shutil
import subprocess
from io import StringIO

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from cairn.returns.annexa.lists import LISTS

LIBREOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
REFERENCE_DATE = "2026-03-31"
# CSV filter options: comma, double quote, UTF-8, from row 1, default column formats, language
# default, quoted text off, detect numbers on, save as shown (dd/mm/yyyy dates), formulas off,
# remove space off, and -1: every sheet to its own file `<name>-<sheet>.csv` (LibreOffice 7.2+).
EVERY_SHEET = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"

pytestmark = pytest.mark.skipif(
    LIBREOFFICE is None,
    reason="LibreOffice is not installed: `make browser-deps` installs libreoffice-calc-nogui",
)


def convert_every_sheet(workbook, out_dir, profile_dir) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 (our own fixed command line)
        [
            LIBREOFFICE,
            f"-env:UserInstallation=file://{profile_dir}",  # its own profile: runs side by side
            "--headless",
            "--norestore",
            "--convert-to",
            EVERY_SHEET,
            "--outdir",
            str(out_dir),
            str(workbook),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_every_list_converts_in_libreoffice_with_its_header_row(council, tmp_path):
    workbook = tmp_path / "annex_a_small.xlsx"
    call_command(
        "export_annex_a", reference_date=REFERENCE_DATE, out=str(workbook), stdout=StringIO()
    )
    out_dir = tmp_path / "csv"
    completed = convert_every_sheet(workbook, out_dir, tmp_path / "profile")
    assert completed.returncode == 0, completed.stderr

    written = load_workbook(workbook, read_only=True)
    converted = sorted(p.name for p in out_dir.glob("*.csv"))
    assert converted == sorted(f"annex_a_small-{a.sheet_name}.csv" for a in LISTS)
    for annex_list in LISTS:
        path = out_dir / f"annex_a_small-{annex_list.sheet_name}.csv"
        with path.open(newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        assert rows[0] == annex_list.headers, annex_list.sheet_name
        assert len(rows) == written[annex_list.sheet_name].max_row, annex_list.sheet_name
    # Real dates come back as the dates written, shown dd/mm/yyyy.
    with (out_dir / "annex_a_small-List 1.csv").open(newline="", encoding="utf-8") as f:
        shown = [row["Date of Contact"] for row in csv.DictReader(f)]
    dates = [row[5].value for row in written["List 1"].iter_rows(min_row=2)]
    assert shown, "the small council has contacts in the window"
    assert shown == [day.strftime("%d/%m/%Y") for day in dates]
