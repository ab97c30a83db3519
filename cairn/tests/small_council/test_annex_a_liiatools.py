"""Compatibility with Social Finance's Annex A cleaner (PyPI liiatools 0.2.0), the tool regional
pipelines read Annex A workbooks with. It is a test oracle only: it lives in its own virtualenv
(`make oracles`, tooling-notes.md) and runs here as a subprocess on the small demo council.

It must recognise Lists 1-7 with every column, flag no value and find no required cell blank.
One exception is the cleaner's own gap, not ours to copy: it has no entry for referral source
5D (`p1) 5D: LA services`, D2I's label), so it blanks exactly those cells and says so.
"""

import ast
import re
import subprocess
from collections import Counter, defaultdict
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from openpyxl import load_workbook

ORACLE = Path(settings.BASE_DIR) / ".venv-oracles" / "bin" / "python"
REFERENCE_DATE = "2026-03-31"

pytestmark = pytest.mark.skipif(
    not ORACLE.exists(),
    reason=f"liiatools is not installed: run `make oracles` to create {ORACLE.parent.parent}",
)


@pytest.fixture
def small_council_workbook(council, tmp_path):
    """The small demo council (seed 1, as of 31 March 2026) as an Annex A workbook."""
    path = tmp_path / "annex_a_small.xlsx"
    call_command("export_annex_a", reference_date=REFERENCE_DATE, out=str(path), stdout=StringIO())
    return path


def parse_cleaner_log(text: str) -> dict:
    """The cleaner's error log as {list: {"formatting": Counter, "blank": Counter, "extra": str}}
    plus "unmatched" (sheets it could not match) and "missing" (list names it did not find)."""
    report: dict = {"lists": defaultdict(dict), "unmatched": [], "missing": []}
    current = None
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if re.fullmatch(r"List \d+", line):
            current = report["lists"][line]
        elif line.startswith("Number of cells that have been made blank"):
            current["formatting"] = Counter(ast.literal_eval("{" + lines[index + 1] + "}"))
        elif line.startswith("Number of blank cells that should have contained data"):
            current["blank"] = Counter(ast.literal_eval("{" + lines[index + 1] + "}"))
        elif line.startswith("Headers of unexpected columns"):
            current["extra"] = line
        elif "duplicate column" in line:
            current["duplicates"] = line
        elif line.startswith("Failed to find a set of matching columns headers"):
            report["unmatched"].append(line)
        elif line.startswith("The following sheets are missing:"):
            report["missing"] = re.findall(r"'(List \d+)'", line)
    return report


def run_cleaner(workbook: Path, tmp_path: Path) -> dict:
    logs, out = tmp_path / "logs", tmp_path / "out"
    logs.mkdir()
    out.mkdir()
    completed = subprocess.run(  # noqa: S603 (our own fixed command line)
        [
            str(ORACLE),
            "-m",
            "liiatools",
            "annex-a",
            "cleanfile",
            "--i",
            str(workbook),
            "--la_code",
            "bar",
            "--la_log_dir",
            str(logs),
            "--o",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    text = "".join(p.read_text() for p in sorted(logs.glob("*_error_log_*.txt")))
    return parse_cleaner_log(text)


def five_d_cells(workbook: Path) -> dict[str, int]:
    """How many Contact Source (List 1) and Referral Source (List 3) cells carry 5D."""
    book = load_workbook(workbook, read_only=True)
    counts = {}
    for title, header in (("List 1", "Contact Source"), ("List 3", "Referral Source")):
        rows = book[title].iter_rows(values_only=True)
        column = next(rows).index(header)
        counts[title] = sum(1 for row in rows if row[column] == "p1) 5D: LA services")
    book.close()
    return counts


@pytest.mark.django_db
def test_the_cleaner_recognises_lists_1_to_7_flags_nothing_and_finds_no_blank(
    small_council_workbook, tmp_path
):
    report = run_cleaner(small_council_workbook, tmp_path)

    # Every sheet matched a list with every column; only the lists Cairn does not write are missing.
    assert report["unmatched"] == []
    assert sorted(report["missing"]) == ["List 10", "List 11", "List 9"]
    five_d = five_d_cells(small_council_workbook)
    assert five_d["List 1"] > 0, "the small council should exercise the 5D gap"
    for number in range(1, 8):
        found = report["lists"].get(f"List {number}", {})
        assert "extra" not in found, found
        assert "duplicates" not in found, found
        assert not found.get("blank"), f"List {number}: required cells blank: {found['blank']}"
        flagged = dict(found.get("formatting", {}))
        allowed = {
            "List 1": {"Contact Source": five_d["List 1"]},
            "List 3": {"Referral Source": five_d["List 3"]},
        }.get(f"List {number}", {})
        assert flagged == {k: v for k, v in allowed.items() if v}, f"List {number}: {flagged}"


def test_the_cleaner_reads_a_workbook_of_header_only_sheets(db, tmp_path):
    """With nothing to report (a date before any record) each sheet is its header alone, which
    the cleaner still recognises (a sheet with no cells at all would crash it)."""
    workbook = tmp_path / "empty.xlsx"
    call_command(
        "export_annex_a", reference_date="2015-03-31", out=str(workbook), stdout=StringIO()
    )
    report = run_cleaner(workbook, tmp_path)
    assert report["unmatched"] == []
    assert sorted(report["missing"]) == ["List 10", "List 11", "List 9"]
    assert all(not found for found in report["lists"].values())
