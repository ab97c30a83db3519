"""The generators without a database: identifiers, team layouts and the draw tables."""

import datetime as dt
import random
from collections import Counter

import pytest

from cairn.accounts.roles import TeamKind
from cairn.core.working_days import WorkingDayCalendar
from cairn.demo.council import team_layout
from cairn.demo.distributions import ETHNICITY, Weighted
from cairn.demo.identifiers import DEMO_UPN_LA_CODE, NHS_TEST_PREFIX, NhsNumbers, Upns
from cairn.demo.journeys.base import add_months
from cairn.demo.journeys.calendar import WorkingDayTable
from cairn.demo.profiles import PROFILES
from cairn.people.identifiers import UPN_LA_CODES, nhs_number_error, upn_error


def test_nhs_numbers_are_valid_unique_and_in_the_test_range():
    numbers = NhsNumbers(random.Random(3))

    drawn = [numbers.next() for _ in range(20_000)]

    assert [n for n in drawn if nhs_number_error(n)] == []
    assert len(set(drawn)) == len(drawn)
    assert all(n.startswith(NHS_TEST_PREFIX) for n in drawn)


def test_upns_are_valid_unique_and_use_an_accepted_la_code():
    upns = Upns(random.Random(3), schools=20)
    born = [dt.date(2010, 1, 1) + dt.timedelta(days=d) for d in range(0, 4000, 2)]

    drawn = [upns.next(date_of_birth=day) for day in born]

    assert DEMO_UPN_LA_CODE in UPN_LA_CODES
    assert [u for u in drawn if upn_error(u)] == []
    assert len(set(drawn)) == len(drawn)
    assert Counter(u[1:4] for u in drawn).most_common(1)[0][0] == DEMO_UPN_LA_CODE
    # Characters 9-10: the year the UPN was issued, when the child started school.
    assert drawn[0][8:10] == "14"


def test_the_same_seed_draws_the_same_identifiers():
    assert [NhsNumbers(random.Random(5)).next() for _ in range(3)] == [
        NhsNumbers(random.Random(5)).next() for _ in range(3)
    ]


@pytest.mark.parametrize(("size", "low", "high"), [("medium", 24, 34), ("large", 100, 130)])
def test_county_layouts_have_every_kind_of_team(size, low, high):
    specs = team_layout(PROFILES[size])

    names = [s.name for s in specs]
    assert low <= len(specs) <= high
    assert len(set(names)) == len(names)
    assert {s.kind for s in specs} == set(TeamKind.values)
    assert [s for s in specs if s.parent is None] == specs[:1]
    # Parents come before their teams, and every parent is a team in the layout.
    seen = set()
    for spec in specs:
        assert spec.parent is None or spec.parent in seen
        seen.add(spec.name)


def test_small_layout_is_one_locality_with_three_case_holding_teams():
    specs = team_layout(PROFILES["small"])

    case_kinds = {TeamKind.ASSESSMENT, TeamKind.CIN_CP, TeamKind.CHILDREN_IN_CARE}
    assert len([s for s in specs if s.kind in case_kinds]) == 3
    assert len([s for s in specs if s.kind == TeamKind.SERVICE]) == 1


def test_weighted_draws_follow_their_weights():
    rng = random.Random(1)
    table = Weighted([("a", 70), ("b", 20), ("c", 10)])

    counts = Counter(table.draw(rng) for _ in range(20_000))

    assert 0.67 < counts["a"] / 20_000 < 0.73
    assert 0.08 < counts["c"] / 20_000 < 0.12
    assert Counter(ETHNICITY.draw(rng) for _ in range(5000)).most_common(1)[0][0] == "WBRI"


def test_the_working_day_table_counts_as_the_council_calendar_does():
    calendar = WorkingDayCalendar(closure_days={dt.date(2025, 12, 29)})
    table = WorkingDayTable(calendar, dt.date(2024, 1, 1), dt.date(2027, 12, 31))
    starts = [dt.date(2025, 11, 1) + dt.timedelta(days=d) for d in range(0, 120, 3)]

    for start in starts:  # across Christmas, New Year and a council closure day
        for n in (-45, -20, -1, 0, 1, 10, 45):
            assert table.add(start, n) == calendar.add_working_days(start, n), (start, n)
        for end in (start + dt.timedelta(days=k) for k in (-30, 0, 1, 40)):
            assert table.between(start, end) == calendar.working_days_between(start, end)
    # timescales.md: a referral on Friday 19 Dec 2025 is due within 45 WD by Wed 25 Feb 2026.
    assert WorkingDayTable(WorkingDayCalendar(), dt.date(2025, 1, 1), dt.date(2026, 12, 31)).add(
        dt.date(2025, 12, 19), 45
    ) == dt.date(2026, 2, 25)
    assert table.on_or_before(dt.date(2025, 12, 28)) == dt.date(2025, 12, 24)


def test_add_months_counts_calendar_months():
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2025, 12, 31), 3) == dt.date(2026, 3, 31)
    assert add_months(dt.date(2026, 3, 31), -12) == dt.date(2025, 3, 31)
    assert add_months(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)
