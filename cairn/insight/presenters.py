"""Shaping scorecard figures for the pages, the exports' labels and the report (ADR 0028)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from cairn.insight.measures.base import COUNT, PER_10K, PERCENT, WEEKS

UNIT_LABELS = {
    COUNT: "Number",
    PERCENT: "Per cent",
    PER_10K: "Rate per 10,000 children",
    WEEKS: "Weeks",
    "number": "Average",
}
TRENDS = {
    "up": "Rising",
    "down": "Falling",
    "flat": "Steady",
    "none": "Not enough data",
}


def format_value(value: Decimal | str | None, unit: str) -> str:
    """A figure as shown: counts whole with thousands separators; others to one decimal place,
    percentages with "%"; no figure as "No data"."""
    if value is None or value == "":
        return "No data"
    number = Decimal(value)
    if unit == COUNT:
        return f"{number:,.0f}"
    text = f"{number:,.1f}"
    if unit == PERCENT:
        return f"{text}%"
    if unit == WEEKS:
        return f"{text} weeks"
    return text


def month_label(month: date) -> str:
    return month.strftime("%B %Y")


def month_param(month: date) -> str:
    return month.strftime("%Y-%m")


@dataclass(frozen=True)
class Trend:
    label: str  # "Rising", "Falling", "Steady", "Not enough data"
    judgement: str  # "better", "worse" or ""
    tag: str  # GOV.UK tag colour modifier

    @property
    def text(self) -> str:
        return f"{self.label} ({self.judgement})" if self.judgement else self.label


def trend(direction: str, is_good: bool | None) -> Trend:
    """The trend as words, with whether it is an improvement when the measure has a better
    direction (colour is never the only signal: the words say it)."""
    if is_good is None:
        return Trend(TRENDS.get(direction, direction), "", "govuk-tag--grey")
    if is_good:
        return Trend(TRENDS[direction], "better", "govuk-tag--green")
    return Trend(TRENDS[direction], "worse", "govuk-tag--red")


def national_text(national) -> str:
    """The national comparator with its year, or why there is none."""
    if national is None:
        return "No national figure"
    return national.year


def _has_children(figure, unit: str) -> bool:
    """Whether a figure has children behind it to list (no link to an empty list)."""
    return figure.value is not None and drill_down_count(figure, unit) != 0


def drill_down_count(figure, unit: str) -> int | None:
    """How many children are behind a figure: its count, or a share's numerator."""
    if figure.numerator is not None:
        return figure.numerator
    if unit == COUNT and figure.value is not None:
        return int(figure.value)
    return None


@dataclass(frozen=True)
class MonthCell:
    month: str
    value: str
    drill_url: str | None


@dataclass(frozen=True)
class MeasureBlock:
    """One measure on the scorecard page."""

    key: str
    title: str
    description: str
    unit_label: str
    latest: str
    latest_month: str
    latest_drill_url: str | None
    behind: int | None  # children behind the latest figure
    national: str
    national_note: str
    trend: Trend
    chart: object
    months: list[MonthCell]
    csv_url: str
    xlsx_url: str


def measure_blocks(card, *, drill_url, export_url, chart) -> list[tuple[str, list[MeasureBlock]]]:
    """The scorecard's measures by group, shaped for the page. `drill_url(key, month)` and
    `export_url(key, extension)` make links; `chart(row)` draws a row's chart."""
    groups = []
    for group, rows in card.groups():
        blocks = []
        for row in rows:
            measure, unit = row.measure, row.measure.unit
            cells = [
                MonthCell(
                    month_label(m),
                    format_value(f.value, unit),
                    drill_url(measure.key, m) if _has_children(f, unit) else None,
                )
                for m, f in zip(row.months, row.figures, strict=True)
            ]
            latest = row.latest
            national = row.national
            blocks.append(
                MeasureBlock(
                    key=measure.key,
                    title=measure.title,
                    description=measure.description,
                    unit_label=UNIT_LABELS.get(unit, ""),
                    latest=format_value(latest.value, unit),
                    latest_month=month_label(row.months[-1]),
                    latest_drill_url=cells[-1].drill_url,
                    behind=drill_down_count(latest, unit),
                    national=format_value(national.value, unit) if national else "None published",
                    national_note=f"{national.year}, {national.source}" if national else "",
                    trend=trend(row.trend, row.trend_is_good),
                    chart=chart(row),
                    months=list(reversed(cells)),
                    csv_url=export_url(measure.key, "csv"),
                    xlsx_url=export_url(measure.key, "xlsx"),
                )
            )
        groups.append((group, blocks))
    return groups
