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


# ---------------------------------------------------------------------------------------------
# A whole row at a time: one reader per declared field, built once per table (the functions
# above, with the declaration's lookups done once rather than per cell).


def _cell(f):
    """Text of a cell, stripped; RowError when a required one is blank."""
    required, blank = f.required, f"{f.name} is blank: it is required"

    def cell(value: str | None) -> str:
        value = (value or "").strip()
        if required and not value:
            raise RowError(blank)
        return value

    return cell


def _date_reader(f):
    cell, name = _cell(f), f.name
    dates: dict[str, dt.date | None] = {}  # extracts repeat dates: parse each text once

    def read(value):
        value = cell(value)
        if not value:
            return None
        if value not in dates:
            if len(dates) > 4096:  # bounded: date-times with times are mostly distinct
                dates.clear()
            dates[value] = parse_date(value)
        parsed = dates[value]
        if parsed is None:
            raise RowError(
                f"{name} {value!r} is not a date (write YYYY-MM-DD, YYYY-MM-DD HH:MM:SS or "
                "DD/MM/YYYY)"
            )
        return parsed

    return read


def _flag_reader(f):
    name = f.name

    def read(value):
        value = (value or "").strip().upper()
        if not value:
            return None
        if value not in FLAG_VALUES:
            raise RowError(f"{name} {value!r} is not a Y/N flag")
        return FLAG_VALUES[value]

    return read


def _code_reader(f):
    cell, name, list_name = _cell(f), f.name, f.code_list
    known = dict(CODE_LISTS[list_name])

    def read(value):
        value = cell(value)
        if not value or value in known:
            return value
        upper = value.upper()
        if upper in known:
            return upper
        raise RowError(f"{name} {value!r} is not a code in the {list_name} list (codes.md)")

    return read


def _json_reader(f):
    name, row = f.name, {}
    if f.json_array:
        list_name, required = f.code_list, f.required

        def read_codes(value):
            row[name] = value
            codes = json_codes(row, name, list_name)
            if required and not codes:
                raise RowError(f"{name} is blank: it is required")
            return codes

        return read_codes
    objects: dict[str | None, dict] = {}  # outcome JSON repeats: parse each text once

    def read(value):
        if value not in objects:
            if len(objects) > 1024:
                objects.clear()
            row[name] = value
            objects[value] = json_object(row, name)
        return dict(objects[value])

    return read


def _number_reader(f):
    cell, name = _cell(f), f.name
    number = int if f.type == "int" else float

    def read(value):
        value = cell(value)
        try:
            return number(value) if value else None
        except ValueError:
            raise RowError(f"{name} {value!r} is not a number") from None

    return read


def _text_reader(f):
    from cairn.returns.ssd import spec

    cell, name = _cell(f), f.name
    max_length = spec.MAX_ID_LENGTH if f.type == spec.ID else 0

    def read(value):
        value = cell(value)
        if max_length and len(value) > max_length:
            raise RowError(f"{name} {value!r} is longer than {max_length} characters")
        return value

    return read


_READERS = {
    "date": _date_reader,
    "datetime": _date_reader,
    "flag": _flag_reader,
    "code": _code_reader,
    "json": _json_reader,
    "int": _number_reader,
    "float": _number_reader,
}


def _reader(f) -> Any:
    """The reader of one declared field: cell text (or None) -> value; RowError if bad."""
    return _READERS.get(f.type, _text_reader)(f)


_ROW_READERS: dict[str, tuple] = {}


def parse_row(table, raw: dict[str, str]) -> dict[str, Any]:
    """Every declared field of the row, parsed by its type; RowError on the first bad one."""
    readers = _ROW_READERS.get(table.name)
    if readers is None:
        readers = _ROW_READERS[table.name] = tuple((f.name, _reader(f)) for f in table.fields)
    get = raw.get
    return {name: read(get(name)) for name, read in readers}
