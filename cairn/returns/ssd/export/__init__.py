"""Standard Safeguarding Dataset export: one CSV per table of `spec.TABLES` (ADR 22).

Each table has one source function, in this package's module for its area (organisation,
people, front door, CIN, protection): a set-based query (annotations and subqueries, no per-row
queries) read with `.iterator()` in primary-key order, and a row builder that maps the Cairn
values to the SSD fields. Formatting (dates, Y/N flags, JSON) is done once, by field type, in
`cells.format_cell`. Memory stays bounded: rows are written as they are read.

Identifiers: the person id is the child's LA child ID; every other id is the Cairn primary key
of the row it comes from, or the id the row was imported with when the importer kept one
(`external_id`), so export -> import -> export gives identical files.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from pathlib import Path

from cairn.casework.models import VisitKind
from cairn.people.models import Disability, ImmigrationStatus
from cairn.returns.ssd import spec
from cairn.returns.ssd.export.cells import FORMATTERS, format_cell
from cairn.returns.ssd.export.cin import (
    assessment_factors_rows,
    assessment_outcome,
    cin_assessments_rows,
    cin_episodes_rows,
    cin_plans_rows,
    visits_rows,
)
from cairn.returns.ssd.export.frontdoor import contacts_rows, early_help_rows
from cairn.returns.ssd.export.ids import SmallIds
from cairn.returns.ssd.export.organisation import (
    department_rows,
    involvements_rows,
    professionals_rows,
)
from cairn.returns.ssd.export.people import (
    address_rows,
    family_rows,
    linked_identifiers_rows,
    person_rows,
    simple_person_rows,
)
from cairn.returns.ssd.export.protection import (
    cp_plans_rows,
    cp_reviews_rows,
    icpc_rows,
    s47_outcome,
    s47_rows,
)

__all__ = [
    "SOURCES",
    "assessment_outcome",
    "export_ssd",
    "format_cell",
    "s47_outcome",
    "table_rows",
]


# The one place each SSD table gets its rows from.
SOURCES: dict[str, Callable[[SmallIds], Iterator[dict]]] = {
    "ssd_department": department_rows,
    "ssd_professionals": professionals_rows,
    "ssd_person": person_rows,
    "ssd_family": family_rows,
    "ssd_address": address_rows,
    "ssd_disability": simple_person_rows(
        Disability, {"disa_disability_code": "code"}, "disa_table_id", "disa_person_id"
    ),
    "ssd_immigration_status": simple_person_rows(
        ImmigrationStatus,
        {
            "immi_immigration_status": "status",
            "immi_immigration_status_start_date": "started_on",
            "immi_immigration_status_end_date": "ended_on",
        },
        "immi_immigration_status_id",
        "immi_person_id",
    ),
    "ssd_linked_identifiers": linked_identifiers_rows,
    "ssd_contacts": contacts_rows,
    "ssd_early_help_episodes": early_help_rows,
    "ssd_cin_episodes": cin_episodes_rows,
    "ssd_cin_assessments": cin_assessments_rows,
    "ssd_assessment_factors": assessment_factors_rows,
    "ssd_cin_plans": cin_plans_rows,
    "ssd_cin_visits": visits_rows(VisitKind.CIN, "cinv_cin"),
    "ssd_s47_enquiry": s47_rows,
    "ssd_initial_cp_conference": icpc_rows,
    "ssd_cp_plans": cp_plans_rows,
    "ssd_cp_visits": visits_rows(VisitKind.CP, "cppv_cp"),
    "ssd_cp_reviews": cp_reviews_rows,
    "ssd_involvements": involvements_rows,
}
if set(SOURCES) != set(spec.TABLE_BY_NAME):
    raise ImportError("every declared SSD table needs one source in export.SOURCES")


# ---------------------------------------------------------------------------------------------
# Writing


def table_rows(table: spec.Table, ids: SmallIds) -> Iterator[list[str]]:
    """The formatted cells of each row of one table, in spec field order."""
    cells = [(f.name, FORMATTERS[f.type]) for f in table.fields]
    for row in SOURCES[table.name](ids):
        yield [fmt(row.get(name)) for name, fmt in cells]


def write_table(table: spec.Table, out: io.TextIOBase, ids: SmallIds, on_row=None) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.headers)
    count = 0
    for cells in table_rows(table, ids):
        writer.writerow(cells)
        count += 1
        if on_row is not None and count % 500 == 0:
            on_row(count)
    return count


def export_ssd(out_dir: Path, *, progress=None) -> dict[str, int]:
    """Write every table to `out_dir/<table>.csv` (UTF-8); returns rows written per table.

    `progress(table_name, rows_done)` is called as rows are written, when given.
    """
    ids = SmallIds.load()
    counts: dict[str, int] = {}
    for table in spec.TABLES:
        path = out_dir / table.file_name
        with path.open("w", encoding="utf-8", newline="") as handle:
            on_row = (lambda n, t=table.name: progress(t, n)) if progress else None
            counts[table.name] = write_table(table, handle, ids, on_row)
        if progress:
            progress(table.name, counts[table.name])
    return counts
