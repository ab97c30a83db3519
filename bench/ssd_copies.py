"""An SSD extract made N times larger, for timing the importer (ADR 0022): every table but the
teams and professionals is repeated N times, with the ids of each copy suffixed and its NHS
numbers and UPNs replaced by valid, unused ones, so every copy loads as other children.

    .venv/bin/python bench/ssd_copies.py SOURCE_DIR TARGET_DIR N

SOURCE_DIR is an `export_ssd` output (for instance of `seed_demo --size small`)."""

from __future__ import annotations

import argparse
import csv
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cairn.settings.dev")

import django  # noqa: E402

django.setup()

from cairn.people.identifiers import nhs_check_digit, upn_check_letter  # noqa: E402
from cairn.returns.ssd import spec  # noqa: E402

SHARED = {"ssd_department", "ssd_professionals"}


class Identifiers:
    """Valid NHS numbers and UPNs, a new one per (copy, original value)."""

    def __init__(self) -> None:
        self.serial = 100_000_000
        self.issued: dict[tuple[str, int, str], str] = {}

    def nhs(self, copy: int, value: str) -> str:
        key = ("nhs", copy, value)
        while key not in self.issued:
            self.serial += 1
            nine = str(self.serial)[-9:]
            digit = nhs_check_digit(nine)
            if digit is not None:
                self.issued[key] = nine + str(digit)
        return self.issued[key]

    def upn(self, copy: int, value: str) -> str:
        key = ("upn", copy, value)
        if key not in self.issued:
            self.serial += 1
            body = "929" + f"{self.serial:09d}"[-9:]
            self.issued[key] = upn_check_letter(body) + body
        return self.issued[key]


def copy_row(table: spec.Table, row: dict, copy: int, ids: Identifiers) -> dict:
    if copy == 0:
        return row
    out = dict(row)
    for f in table.fields:
        if f.type == spec.ID and f.fk_table not in SHARED and out.get(f.name):
            out[f.name] += f"K{copy}"
    if table.name == "ssd_person":
        if out.get("pers_single_unique_id"):
            out["pers_single_unique_id"] = ids.nhs(copy, row["pers_single_unique_id"])
        if out.get("pers_upn"):
            out["pers_upn"] = ids.upn(copy, row["pers_upn"])
    if table.name == "ssd_linked_identifiers":
        kind = out["link_identifier_type"].lower()
        if "nhs" in kind:
            out["link_identifier_value"] = ids.nhs(copy, row["link_identifier_value"])
        elif kind == "upn":
            out["link_identifier_value"] = ids.upn(copy, row["link_identifier_value"])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("copies", type=int)
    args = parser.parse_args()
    args.target.mkdir(parents=True, exist_ok=True)
    ids, total = Identifiers(), 0
    for table in spec.TABLES:
        path = args.source / table.file_name
        if not path.exists():
            continue
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            fields, rows = reader.fieldnames, list(reader)
        copies = 1 if table.name in SHARED else args.copies
        with (args.target / table.file_name).open("w", newline="", encoding="utf-8") as out:
            writer = csv.DictWriter(out, fields, lineterminator="\n")
            writer.writeheader()
            for copy in range(copies):
                for row in rows:
                    writer.writerow(copy_row(table, row, copy, ids))
                    total += 1
    print(f"Wrote {total:,} rows to {args.target}")


if __name__ == "__main__":
    main()
