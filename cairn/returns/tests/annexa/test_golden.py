"""Golden test: the hand-built council (council.py) gives exactly these eight sheets: every
cell's value and number format, in order, and nothing else in the workbook."""

import datetime as dt

import pytest
from openpyxl import load_workbook

from cairn.returns.annexa.lists import LISTS
from cairn.returns.annexa.period import Period
from cairn.returns.annexa.workbook import write_annex_a
from cairn.returns.tests.annexa.council import REFERENCE_DATE, build_council

D = dt.date
NORTH, SAM = "North locality", "Sam Carter"
A = ["CA001", "b) Female", "a) WBRI", D(2015, 6, 10), 10]
B = ["CB002", "a) Male", "s) NOBT", D(2012, 1, 15), 14]
C = ["CC003", "c) Not stated/recorded", "h) MWAS", None, None]
DD = ["CD004", "b) Female", "o) BAFR", D(2010, 9, 30), 15]
E = ["CE005", "a) Male", "a) WBRI", D(2019, 3, 31), 7]
F = ["CF006", "b) Female", "a) WBRI", D(2016, 2, 1), 10]

EXPECTED = {
    "List 1": [
        [*F, D(2025, 10, 6), "a) 1A: Individual"],
        [*C, D(2026, 1, 4), "p1) 5D: LA services"],
        [*A, D(2026, 3, 2), "e) 2A: Schools"],
    ],
    "List 2": [[*C, D(2026, 1, 5), None, "Northfield Family Hub"]],
    "List 3": [
        [*F, D(2025, 10, 7), "a) 1A: Individual", "a) Yes", 0, "MASH", "Priya Shah"],
        [*B, D(2025, 11, 10), "q) 6: Police", "b) No", 1, NORTH, "Unallocated"],
        [*A, D(2026, 3, 3), "e) 2A: Schools", "b) No", 0, NORTH, SAM],
    ],
    "List 4": [
        [*E, "c) Unknown", D(2025, 9, 22), "b) No", D(2025, 12, 10), "b) No", NORTH, SAM],
        [*A, "b) No", D(2026, 3, 4), "a) Yes", D(2026, 3, 20), "a) Yes", NORTH, SAM],
    ],
    "List 5": [
        [*B, "a) Yes", D(2025, 11, 12), "b) No", D(2025, 11, 26), "a) Yes", 1, 0]
        + [NORTH, "Unallocated"],
    ],
    "List 6": [
        [*DD, "c) Unknown", D(2024, 2, 1), "N4 - Family in acute stress", D(2026, 3, 15)]
        + [None, None, "a) Looked after child", NORTH, SAM],
        [*E, "c) Unknown", D(2025, 9, 20), "N5 - Family dysfunction", None, D(2025, 12, 15)]
        + ["RC8 - Case closed after assessment, no further action", "e) Closed episode"]
        + [NORTH, SAM],
        [*B, "a) Yes", D(2025, 11, 10), "N1 - Abuse or neglect", D(2026, 3, 10), None, None]
        + ["b) Child Protection plan", NORTH, "Unallocated"],
        [*A, "b) No", D(2026, 3, 3), "N1 - Abuse or neglect", D(2026, 3, 27), None, None]
        + ["c) Child in need plan", NORTH, SAM],
    ],
    "List 7": [
        [*B, "a) Yes", D(2025, 11, 26), "a) Neglect", "d) Emotional abuse", D(2026, 3, 10)]
        + ["a) Yes", D(2026, 2, 20), None, "b) No", 1, NORTH, "Unallocated"],
    ],
    "List 8": [
        [*DD, "a) Yes", "c) Unknown", D(2025, 9, 1), "N4 - Family in acute stress", "a) Yes"]
        + [D(2025, 9, 1), "C1: ICO", None, D(2026, 3, 15), None, None, None, None, None]
        + [None, None, None, None, None, None, None, None, None, 1, None, None, None]
        + [NORTH, SAM],
    ],
}


def read_sheets(path) -> dict[str, dict]:
    """Each sheet's header, rows (dates as dates) and each cell's number format."""
    book = load_workbook(path)  # not read-only: keeps number formats and data types
    sheets = {}
    for sheet in book.worksheets:
        rows, formats, kinds = [], [], set()
        for row in sheet.iter_rows():
            values = []
            for cell in row:
                value = cell.value
                kinds.add(cell.data_type)
                if isinstance(value, dt.datetime):
                    value = value.date()
                values.append(value)
                formats.append((type(value).__name__, cell.number_format))
            rows.append(values)
        sheets[sheet.title] = {
            "header": rows[0],
            "rows": rows[1:],
            "formats": set(formats),
            "kinds": kinds,
            "max": (sheet.max_row, sheet.max_column),
        }
    return sheets


@pytest.fixture
def workbook(db, tmp_path):
    build_council()
    path = tmp_path / "annex-a.xlsx"
    counts = write_annex_a(period=Period(REFERENCE_DATE), out=path)
    return path, counts


def test_every_sheet_matches_the_expected_cells(workbook):
    path, counts = workbook
    sheets = read_sheets(path)
    assert list(sheets) == [f"List {n}" for n in range(1, 9)]
    for annex_list in LISTS:
        sheet = sheets[annex_list.sheet_name]
        expected = EXPECTED[annex_list.sheet_name]
        width = len(annex_list.columns)
        assert sheet["header"] == annex_list.headers
        assert sheet["rows"] == [row + [None] * (width - len(row)) for row in expected], (
            annex_list.sheet_name
        )
        assert all(len(row) == width for row in expected), annex_list.sheet_name
        assert counts[annex_list.sheet_name] == len(expected)
        assert sheet["max"] == (len(expected) + 1, width)


def test_dates_are_real_dates_shown_dd_mm_yyyy_and_nothing_else_is_formatted(workbook):
    path, _ = workbook
    for title, sheet in read_sheets(path).items():
        for kind, number_format in sheet["formats"]:
            if kind == "date":
                assert number_format == "dd/mm/yyyy", title
            else:
                assert number_format == "General", title
        assert "f" not in sheet["kinds"], f"{title} has a formula"


COMMON = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)"]
DISABILITY = "Does the Child have a Disability"
ALLOCATED = ["Allocated Team", "Allocated Worker"]
# annex-a.md "Columns", written out again here so a change to lists.py cannot pass unnoticed.
HEADERS = {
    1: [*COMMON, "Date of Contact", "Contact Source"],
    2: [
        *COMMON,
        "Assessment start date",
        "Assessment completion date",
        "Organisation completing assessment",
    ],
    3: [
        *COMMON,
        "Date of referral",
        "Referral Source",
        "Referral NFA?",
        "Number of Referrals in Last 12 Months",
        *ALLOCATED,
    ],
    4: [
        *COMMON,
        DISABILITY,
        "Continuous Assessment Start Date",
        "Child Seen During Continuous Assessment",
        "Continuous Assessment Date of Authorisation",
        "Was the child assessed as requiring LA children's social care support?",
        *ALLOCATED,
    ],
    5: [
        *COMMON,
        DISABILITY,
        "Strategy discussion initiating Section 47 Enquiry Start Date",
        "Was an Initial Child Protection Conference deemed unnecessary?",
        "Date of Initial Child Protection Conference",
        "Did the Initial Child Protection Conference Result in a Child Protection Plan",
        "Number of Section 47 Enquiries in the last 12 months",
        "Number of ICPCs in the last 12 months",
        *ALLOCATED,
    ],
    6: [
        *COMMON,
        DISABILITY,
        "CIN Start Date",
        "Primary Need Code",
        "Date Child Was Last Seen",
        "CIN Closure Date",
        "Reason for Closure",
        "Case Status",
        *ALLOCATED,
    ],
    7: [
        *COMMON,
        DISABILITY,
        "Child Protection Plan Start Date",
        "Initial Category of Abuse",
        "Latest Category of Abuse",
        "Date of the Last Statutory Visit",
        "Was the Child Seen Alone?",
        "Date of latest review conference",
        "Child Protection Plan End Date",
        "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six "
        "Months (Y/N)",
        "Number of Previous Child Protection Plans",
        *ALLOCATED,
    ],
    8: [
        *COMMON,
        "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)",
        DISABILITY,
        "Date Started to be Looked After",
        "Child's Category of Need",
        "Is this a second or subsequent period of being a Looked After Child within the last "
        "12 months (Y/N)",
        "Start date of current legal status",
        "Child's Legal Status",
        "Date of Latest Statutory Review",
        "Date of Last Social Work Visit",
        "What is the permanence plan for this child?",
        "Date of Last IRO Visit / Contact to the Child",
        "Date of Last Health Assessment",
        "Date of Last Dental Check",
        "Number of Placements in the Last 12 months",
        "Date Ceased to be Looked After",
        "Reason Ceased to be Looked After",
        "Start Date of Most Recent Placement",
        "Placement Type",
        "Placement Provider",
        "Placement postcode",
        "URN of Placement",
        "Placement Location",
        "LA of Placement",
        "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 "
        "months",
        "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months",
        "Was the child offered a Return Interview after their last missing episode (Y/N)?",
        "Did the child accept a Return Interview after their last missing episode (Y/N)?",
        *ALLOCATED,
    ],
}


def test_headers_are_exactly_the_annex_a_column_names():
    assert {annex_list.number: annex_list.headers for annex_list in LISTS} == HEADERS
