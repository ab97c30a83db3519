"""The headline figures frozen into an issued report: plain JSON (values as strings), so what
members read never changes when the record does (ADR 0028)."""

from datetime import date
from decimal import Decimal

from cairn.insight.measures.base import Figure


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def scorecard_snapshot(card) -> dict:
    """Everything the report shows of a `selectors.Scorecard`, as JSON-safe data."""
    return {
        "scope": {"key": card.scope.key, "name": card.scope_name},
        "as_of": card.as_of.isoformat(),
        "months": [m.isoformat() for m in card.months],
        "measures": [
            {
                "key": row.measure.key,
                "title": row.measure.title,
                "group": row.measure.group,
                "unit": row.measure.unit,
                "description": row.measure.description,
                "latest": _text(row.latest.value),
                "numerator": row.latest.numerator,
                "denominator": row.latest.denominator,
                "national": _text(row.national.value) if row.national else None,
                "national_year": row.national.year if row.national else "",
                "national_source": row.national.source if row.national else "",
                "trend": row.trend,
                "trend_is_good": row.trend_is_good,
                "series": [_text(f.value) for f in row.figures],
            }
            for row in card.rows
        ],
    }


def snapshot_months(snapshot: dict) -> list[date]:
    return [date.fromisoformat(m) for m in snapshot.get("months", [])]


def snapshot_series(entry: dict) -> list[Figure]:
    return [Figure(None if v is None else Decimal(v)) for v in entry["series"]]
