"""Reading one SSD field: dates in the three shapes councils' extracts use, Y/N flags, codes
from Cairn's code lists, JSON outcome objects. Each failure is a RowError naming the field."""

import datetime as dt
import json
from typing import Any

from cairn.core.codelists import CODE_LISTS


class RowError(Exception):
    """The row is rejected whole, for this reason."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def text(row: dict[str, str], field: str, *, required: bool = False, max_length: int = 0) -> str:
    value = (row.get(field) or "").strip()
    if required and not value:
        raise RowError(f"{field} is blank: it is required")
    if max_length and len(value) > max_length:
        raise RowError(f"{field} {value!r} is longer than {max_length} characters")
    return value


def date(row: dict[str, str], field: str, *, required: bool = False) -> dt.date | None:
    """YYYY-MM-DD, YYYY-MM-DD HH:MM:SS[.fff] (SQL Server datetime) or DD/MM/YYYY."""
    value = text(row, field, required=required)
    if not value:
        return None
    parsed = parse_date(value)
    if parsed is None:
        raise RowError(
            f"{field} {value!r} is not a date (write YYYY-MM-DD, YYYY-MM-DD HH:MM:SS or DD/MM/YYYY)"
        )
    return parsed


def parse_date(value: str) -> dt.date | None:
    try:
        if "/" in value:
            return dt.datetime.strptime(value, "%d/%m/%Y").date()
        if len(value) == 10:
            return dt.date.fromisoformat(value)
        if len(value) >= 19 and value[10] in " T":
            # SQL Server writes up to 7 fractional digits; the date part is what counts.
            dt.datetime.strptime(value[:19], "%Y-%m-%d" + value[10] + "%H:%M:%S")
            rest = value[19:]
            if rest and not (rest[0] == "." and rest[1:].isdigit()):
                return None
            return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
    return None


FLAG_VALUES = {"Y": True, "N": False, "1": True, "0": False, "YES": True, "NO": False}


def flag(row: dict[str, str], field: str, *, default: bool | None = None) -> bool | None:
    value = text(row, field).upper()
    if not value:
        return default
    if value not in FLAG_VALUES:
        raise RowError(f"{field} {value!r} is not a Y/N flag")
    return FLAG_VALUES[value]


def code(row: dict[str, str], field: str, list_name: str, *, required: bool = False) -> str:
    value = text(row, field, required=required)
    if not value:
        return ""
    known = dict(CODE_LISTS[list_name])
    if value not in known:
        # Extracts often pad or lower-case codes; accept exact matches only after that.
        upper = value.upper()
        if upper in known:
            return upper
        raise RowError(f"{field} {value!r} is not a code in the {list_name} list (codes.md)")
    return value


def json_object(row: dict[str, str], field: str) -> dict[str, Any]:
    value = text(row, field)
    if not value:
        return {}
    try:
        parsed = json.loads(value)
    except ValueError:
        raise RowError(f"{field} is not valid JSON") from None
    if not isinstance(parsed, dict):
        raise RowError(f"{field} is not a JSON object")
    return parsed


def json_flag(data: dict[str, Any], key: str) -> bool:
    value = data.get(key)
    if isinstance(value, bool):
        return value
    return str(value or "").strip().upper() in ("Y", "1", "YES", "TRUE")


def json_codes(row: dict[str, str], field: str, list_name: str) -> list[str]:
    """A JSON array of codes (`["3B","16A"]`), the keyed form (`{"3B":"Yes"}`) or a
    comma-separated list."""
    value = text(row, field)
    if not value:
        return []
    try:
        parsed = json.loads(value)
    except ValueError:
        parsed = [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(parsed, dict):
        parsed = [k for k, v in parsed.items() if str(v).strip().upper() not in ("", "N", "NO")]
    if not isinstance(parsed, list):
        raise RowError(f"{field} is not a list of codes")
    known = dict(CODE_LISTS[list_name])
    codes: list[str] = []
    for item in parsed:
        item = str(item).strip().upper()
        if item not in known:
            raise RowError(f"{field} has {item!r}, not a code in the {list_name} list (codes.md)")
        if item not in codes:
            codes.append(item)
    return codes
