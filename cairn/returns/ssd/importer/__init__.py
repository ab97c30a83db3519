"""Load a Standard Safeguarding Dataset extract (one CSV per table) into Cairn (ADR 22).

    report = import_ssd(Path("extract/"), system="liquidlogic")

Tables are read parents first (spec.TABLES order); a missing file is skipped. Every row is
validated and written whole or rejected whole; the report lists each rejection with its file,
line and reason.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from django.apps import apps
from django.db import connection

from cairn.accounts.services import system_actor
from cairn.core.batch import fewer_collections
from cairn.returns.ssd import spec
from cairn.returns.ssd.importer import parallel
from cairn.returns.ssd.importer.engine import VIA, Counts, Loader, Rejection
from cairn.returns.ssd.importer.parsing import RowError, parse_date

__all__ = [
    "ImportReport",
    "RowError",
    "VIA",
    "import_ssd",
    "parse_date",
    "table_loads",
    "table_path",
]

REPORT_NAME = "import_report.csv"


@dataclass
class ImportReport:
    run_id: str
    system: str
    counts: dict[str, Counts] = field(default_factory=dict)
    rejections: list[Rejection] = field(default_factory=list)
    missing_files: list[str] = field(default_factory=list)

    @property
    def loaded(self) -> int:
        return sum(c.loaded for c in self.counts.values())

    @property
    def rejected(self) -> int:
        return len(self.rejections)

    def write_csv(self, path: Path) -> None:
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(["file", "line", "id", "reason"])
            for r in self.rejections:
                writer.writerow([r.file, r.line, r.row_id, r.reason])

    def lines(self) -> list[str]:
        out = [f"Import {self.run_id} from {self.system}:"]
        for name, c in self.counts.items():
            out.append(f"  {name}: {c.read} read, {c.loaded} loaded, {c.rejected} rejected")
        for name in self.missing_files:
            out.append(f"  {name}: no file")
        for r in self.rejections:
            out.append(f"  REJECTED {r.file} line {r.line} ({r.row_id}): {r.reason}")
        out.append(f"{self.loaded} rows loaded, {self.rejected} rejected.")
        return out


def table_path(directory: Path, table: spec.Table) -> Path | None:
    """`ssd_person.csv` (or `person.csv`) in the directory."""
    for name in (table.file_name, table.file_name.removeprefix("ssd_")):
        path = directory / name
        if path.is_file():
            return path
    return None


def _plan_categories(path: Path | None) -> dict[str, str]:
    """ICPC id -> the initial category of the plan it made (ssd_cp_plans), read first because
    a conference that made a plan records its category."""
    if path is None:
        return {}
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return {
            (row.get("cppl_icpc_id") or "").strip(): (
                row.get("cppl_cp_plan_initial_category") or ""
            )
            .strip()
            .upper()
            for row in csv.DictReader(handle)
            if (row.get("cppl_icpc_id") or "").strip()
        }


LINKED = "ssd_linked_identifiers"


def _linked_identifiers(path: Path | None, systems: dict[str, str]) -> set[tuple[str, str, str]]:
    """(person id, Cairn identifier system, value) of each row of ssd_linked_identifiers."""
    if path is None:
        return set()
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return {
            (
                (row.get("link_person_id") or "").strip(),
                systems.get((row.get("link_identifier_type") or "").strip().lower(), ""),
                (row.get("link_identifier_value") or "").strip(),
            )
            for row in csv.DictReader(handle)
        }


def import_ssd(
    directory: Path,
    *,
    system: str = "ssd",
    actor=None,
    progress: Callable[[str, int], None] | None = None,
    workers: int | None = None,
) -> ImportReport:
    """Load the extract in `directory`. `workers`: how many tables load at once (default one
    per core on PostgreSQL, outside a transaction; always one on SQLite: parallel.py). The
    garbage collector runs rarely meanwhile (`fewer_collections`)."""
    directory = Path(directory)
    with parallel.fast_commits(), fewer_collections():
        return _import(
            directory,
            system=system,
            actor=actor,
            progress=progress,
            workers=parallel.default_workers() if workers is None else workers,
        )


def _import(directory: Path, *, system: str, actor, progress, workers: int) -> ImportReport:
    loader = Loader(system=system, actor=actor or system_actor(), progress=progress)
    report = ImportReport(run_id=loader.run_id, system=system)
    loads, report.missing_files = table_loads(directory)
    for load in loads:
        loader.counts[load.table.name] = Counts()  # the report lists tables in the spec's order
    written = parallel.run(loader, loads, workers=workers)
    order = {table.file_name: i for i, table in enumerate(spec.TABLES)}
    report.counts = loader.counts
    # Tables loaded side by side add their rejections in turn: list them by table, then line.
    report.rejections = sorted(loader.rejections, key=lambda r: order.get(r.file, len(order)))
    _analyze(written)
    return report


def table_loads(directory: Path) -> tuple[list[parallel.TableLoad], list[str]]:
    """The tables of the extract to load, in the spec's order, each with what it waits for;
    and the file names of the tables Cairn loads that the extract lacks."""
    from cairn.returns.ssd.importer.tables import HANDLERS

    found, missing = {}, []
    for table in spec.TABLES:
        if table.name not in HANDLERS:
            continue
        path = table_path(directory, table)
        if path is None:
            missing.append(table.file_name)
        else:
            found[table.name] = path
    loads = [
        parallel.TableLoad(
            table=spec.table(name),
            path=path,
            make_handler=partial(_handler, HANDLERS[name], directory),
            after=parallel.waits_for(spec.table(name), HANDLERS[name].reads, set(found)),
        )
        for name, path in found.items()
    ]
    return loads, missing


def _handler(handler_class, directory: Path):
    """A table's handler; the person and ICPC handlers read a later file first."""
    from cairn.returns.ssd.importer.tables import IDENTIFIER_SYSTEMS, Icpcs, People

    if handler_class is People:
        return People(
            _linked_identifiers(table_path(directory, spec.table(LINKED)), IDENTIFIER_SYSTEMS)
        )
    if handler_class is Icpcs:
        return Icpcs(_plan_categories(table_path(directory, spec.table("ssd_cp_plans"))))
    return handler_class()


def _analyze(written: set[str]) -> None:
    """On PostgreSQL, refresh the planner's statistics of the tables the run wrote: a large
    import into a new database otherwise leaves them empty until autovacuum gets round to it
    (never, where it is off), and the first export, return or drift run after it is planned
    for empty tables (the medium council's export waited over ten minutes on its first table;
    after ANALYZE, about a minute)."""
    if connection.vendor != "postgresql":
        return
    from cairn.core.models import AuditEvent, ExternalReference
    from cairn.returns.ssd.importer.fast import FastInsert

    models = {AuditEvent, ExternalReference, *FastInsert._cache, *map(apps.get_model, written)}
    names = ", ".join(sorted(connection.ops.quote_name(m._meta.db_table) for m in models))
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {names}")
