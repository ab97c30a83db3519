"""How each SSD field type is written: dates, Y/N flags, numbers and JSON outcome fields."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from typing import Any

from django.utils import timezone

from cairn.returns.ssd import spec


def flag(value: bool | None) -> str:
    """True -> Y, False -> N, None (not known) -> empty."""
    if value is None:
        return spec.UNKNOWN
    return spec.YES if value else spec.NO


def format_cell(field: spec.Field, value: Any) -> str:
    return FORMATTERS[field.type](value)


def _text(value: Any) -> str:
    return "" if value is None else value if isinstance(value, str) else str(value)


def _date(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localdate(value)
    return value.strftime(spec.DATE_FORMAT)


def _datetime(value: Any) -> str:
    if value is None or value == "":
        return ""
    return timezone.localtime(value).strftime(spec.DATETIME_FORMAT)


def _flag(value: Any) -> str:
    return value if isinstance(value, str) else flag(value)


def _float(value: Any) -> str:
    if value is None or value == "":
        return ""
    return str(float(value)) if isinstance(value, Decimal | float | int) else str(value)


def _json(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, Outcome):
        return value.text
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


FORMATTERS: dict[str, Callable[[Any], str]] = {
    spec.ID: _text,
    spec.STR: _text,
    spec.CODE: _text,
    spec.INT: _text,
    spec.DATE: _date,
    spec.DATETIME: _datetime,
    spec.FLAG: _flag,
    spec.FLOAT: _float,
    spec.JSON: _json,
}


def flag_for(mapping: dict[str, str], value: str) -> str:
    """The flag a Cairn value maps to; a value with no SSD flag is an "other" outcome."""
    return mapping.get(value, "OTHER_OUTCOMES_EXIST_FLAG")


class Outcome(dict):
    """An outcome JSON object with its text made once (outcome builders are cached: a few
    distinct objects serve every row)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.text = json.dumps(self, ensure_ascii=False, separators=(",", ":"))


@cache
def outcome_json(keys: tuple[str, ...], set_flags: tuple[str, ...] | None) -> Outcome:
    """A JSON outcome object: the given flags Y, every other flag N, the count of Ys, empty
    comments. `set_flags=None` means the outcome is not known yet: every flag empty, count 0."""
    known = set_flags is not None
    chosen = set(set_flags or ())
    out: dict[str, Any] = {}
    for key in keys:
        if key in spec.JSON_COUNT_KEYS:
            out[key] = len(chosen)
        elif key in spec.JSON_TEXT_KEYS:
            out[key] = ""
        else:
            out[key] = (spec.YES if key in chosen else spec.NO) if known else spec.UNKNOWN
    return Outcome(out)
