"""What every table's handler shares: the Handler base class and the row checks used by
several tables."""

from __future__ import annotations

from typing import Any

from cairn.returns.ssd.importer.engine import KIND, Loader, Row
from cairn.returns.ssd.importer.parsing import RowError, json_flag


def kind_of(table: str) -> str:
    return KIND[table]


class Handler:
    table: str
    # Tables whose records `write` reads from the database besides its foreign keys' tables:
    # they are loaded (committed) first when tables load side by side (parallel.py).
    reads: tuple[str, ...] = ()

    def check(self, loader: Loader, row: Row) -> None:
        """Rules across a row's fields (dates in order, flags that go together)."""

    def write(self, loader: Loader, rows: list[Row]) -> None:
        raise NotImplementedError


def dates_in_order(row: Row, start: str, end: str) -> None:
    first, last = row.values.get(start), row.values.get(end)
    if first and last and last < first:
        raise RowError(f"{end} {last.isoformat()} is before {start} {first.isoformat()}")


def outcome_flag(mapping: dict[str, str], data: dict[str, Any], default: str = "") -> str:
    """The Cairn value whose SSD flag is set (the first in the mapping's order)."""
    for value, key in mapping.items():
        if json_flag(data, key):
            return value
    return default
