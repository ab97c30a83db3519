"""Each measure as CSV and xlsx, compared with the scorecard's figures; and the charts: inline,
accessible, deterministic, cached by what they show (ADR 0028)."""

import csv
import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from cairn.accounts.roles import Role
from cairn.insight import charts
from cairn.insight.exports import HEADERS
from cairn.insight.measures.base import Figure, Scope
from cairn.insight.selectors import scorecard
from cairn.insight.tests.page_data import MARCH, TODAY, referred_child

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def pinned_today():
    with override_settings(CAIRN_TODAY=TODAY.isoformat()):
        yield


@pytest.fixture
def referrals(teams):
    referred_child(teams["north"], given_name="Amara")
    referred_child(teams["north"], given_name="Kofi", on=dt.date(2026, 1, 12))
    referred_child(teams["south"], given_name="Tyler")


def _export(client, key: str, extension: str, **params):
    url = reverse(f"insight:export_{extension}", args=[key])
    return client.get(url, params)


def test_the_csv_holds_the_scorecards_figures_month_by_month(client, users, referrals):
    client.force_login(users[Role.PERFORMANCE_ANALYST])
    response = _export(client, "referrals", "csv", area="council", months="12", end="2026-03")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert (
        'attachment; filename="referrals-whole-council-to-2026-03.csv"'
        == response["Content-Disposition"]
    )
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    row = scorecard(scope=Scope.council(), months=12, end=MARCH).row("referrals")
    assert list(rows[0]) == HEADERS
    assert [r["Month"] for r in rows] == [m.isoformat() for m in row.months]
    assert [r["Value"] for r in rows] == [
        "" if f.value is None else str(f.value) for f in row.figures
    ]
    by_month = {r["Month"]: r for r in rows}
    assert Decimal(by_month["2026-03-01"]["Value"]) == 2
    assert Decimal(by_month["2026-01-01"]["Value"]) == 1
    assert {r["Area"] for r in rows} == {"Whole council"}


def test_the_xlsx_has_real_dates_and_numbers(client, users, referrals):
    client.force_login(users[Role.SENIOR_LEADER])
    response = _export(client, "referrals", "xlsx", area="council", months="24", end="2026-03")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    data = rows[1:]
    row = scorecard(scope=Scope.council(), months=24, end=MARCH).row("referrals")
    assert len(data) == 24
    assert [r[0] for r in data] == [dt.datetime(m.year, m.month, 1) for m in row.months]
    assert sheet["A2"].number_format == "mmm yyyy"
    expected = [None if f.value is None else float(f.value) for f in row.figures]
    assert [r[3] for r in data] == expected
    assert data[-1][3] == 2


def test_a_national_comparator_is_in_the_export(client, users, referrals):
    client.force_login(users[Role.SENIOR_LEADER])
    response = _export(client, "re_referral_rate", "csv", area="council")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {r["National comparator"] for r in rows} == {"22.6"}
    assert all("DfE" in r["National source"] for r in rows)


def test_an_export_never_leaves_the_users_areas(client, users, teams, referrals):
    """A team manager asking for the council gets their own team's figures."""
    client.force_login(users[Role.TEAM_MANAGER])
    response = _export(client, "referrals", "csv", area="council", end="2026-03")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {r["Area"] for r in rows} == {"North locality"}
    assert Decimal(rows[-1]["Value"]) == 1


def test_exports_are_refused_to_roles_without_the_scorecard(client, users):
    client.force_login(users[Role.SOCIAL_WORKER])
    assert _export(client, "referrals", "csv").status_code == 403
    assert _export(client, "referrals", "xlsx").status_code == 403


MONTHS = [dt.date(2025, m, 1) for m in range(1, 13)]
FIGURES = [Figure(Decimal(m * 2)) for m in range(1, 13)]


def _chart(figures=FIGURES, title="Referrals & re-referrals, by month"):
    return charts.measure_chart(
        measure_key="referrals",
        title=title,
        unit_label="Number",
        months=MONTHS,
        figures=figures,
        national=Decimal("10"),
    )


def test_a_chart_is_accessible_inline_svg_without_styles():
    cache.clear()
    svg = str(_chart())
    assert svg.startswith("<svg ")
    assert 'role="img"' in svg
    assert 'aria-labelledby="chart-referrals-title"' in svg
    assert '<title id="chart-referrals-title">Referrals &amp; re-referrals, by month</title>' in svg
    assert "style=" not in svg
    assert "<style" not in svg
    ids = [part.split('"')[0] for part in svg.split(' id="')[1:]]
    assert len(ids) > 10
    assert all(i.startswith("chart-referrals-") for i in ids)


def test_charts_are_deterministic_and_cached_by_what_they_show(monkeypatch):
    cache.clear()
    first = _chart()
    cache.clear()
    assert _chart() == first  # same figures, same bytes (fixed hash salt, no date)

    drawn = []
    real = charts._draw
    monkeypatch.setattr(charts, "_draw", lambda **kw: drawn.append(1) or real(**kw))
    other_title = _chart(title="Referrals, North locality, by month")
    assert drawn == []  # cached: only the title differs
    assert "Referrals, North locality, by month</title>" in other_title
    changed = [*FIGURES[:-1], Figure(Decimal(99))]
    assert _chart(figures=changed) != first
    assert drawn == [1]  # a changed figure is a new chart, never the stale one
