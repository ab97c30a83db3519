"""The members' report's figures, from its snapshot, shaped for the page and the PDF."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.safestring import SafeString

from cairn.insight import presenters as p
from cairn.insight.charts import measure_chart
from cairn.insight.report.snapshot import snapshot_months, snapshot_series


@dataclass(frozen=True)
class ReportMeasure:
    key: str
    title: str
    group: str
    latest: str
    national: str
    national_year: str
    trend: p.Trend
    description: str
    chart: SafeString | None
    rows: list[tuple[str, str]]  # (month, figure) for the data table


def report_measures(snapshot: dict, *, charts: bool) -> list[ReportMeasure]:
    months = snapshot_months(snapshot)
    out = []
    for entry in snapshot.get("measures", []):
        unit = entry["unit"]
        figures = snapshot_series(entry)
        chart = None
        if charts:
            chart = measure_chart(
                measure_key=entry["key"],
                title=f"{entry['title']}, by month",
                unit_label=p.UNIT_LABELS.get(unit, ""),
                months=months,
                figures=figures,
                national=None if entry["national"] is None else Decimal(entry["national"]),
            )
        out.append(
            ReportMeasure(
                key=entry["key"],
                title=entry["title"],
                group=entry["group"],
                latest=p.format_value(entry["latest"], unit),
                national=p.format_value(entry["national"], unit)
                if entry["national"] is not None
                else "None published",
                national_year=entry.get("national_year", ""),
                trend=p.trend(entry["trend"], entry["trend_is_good"]),
                description=entry.get("description", ""),
                chart=chart,
                rows=[
                    (p.month_label(m), p.format_value(f.value, unit))
                    for m, f in zip(months, figures, strict=True)
                ],
            )
        )
    return out
