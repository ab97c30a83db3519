"""Stored figures stay correct when records change; the scorecard and drill-down selectors
(ADR 0027)."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings

from cairn.accounts.roles import Role
from cairn.accounts.services import system_actor
from cairn.core.records import record_create
from cairn.frontdoor.models import Episode
from cairn.insight import charts
from cairn.insight.aggregation import read_figures, refresh_measures, stale_measures
from cairn.insight.charts import warm_charts
from cairn.insight.measures.base import Scope, get_measure, measures
from cairn.insight.models import MeasureFigure, MeasureRefresh
from cairn.insight.selectors import children_behind, scorecard, trend_of
from cairn.insight.tests.measures_world import FEB, MAR, TODAY, D, build_world
from cairn.testing.factories import UserFactory
from cairn.testing.records_factories import EpisodeFactory

pytestmark = pytest.mark.django_db
KEYS = ["referrals", "re_referral_rate", "contacts", "cin_open", "drift_unallocated"]


@pytest.fixture(autouse=True)
def pinned_today():
    with override_settings(CAIRN_TODAY=TODAY):
        yield


@pytest.fixture
def world():
    w = build_world()
    # Referred in March: c1 (team A), c3 (team C, a re-referral), c5 (no team).
    EpisodeFactory(child=w.c1, referral_date=D(2026, 3, 2))
    EpisodeFactory(child=w.c3, referral_date=D(2026, 3, 9), is_re_referral=True)
    EpisodeFactory(child=w.c5, referral_date=D(2026, 3, 11))
    return w


def read(key, month=MAR, scope=None):
    scope = scope or Scope.council()
    measure = get_measure(key)
    return read_figures(measures=[measure], months=[month], scopes=[scope])[key][(month, scope)]


def test_refresh_stores_every_scope_and_the_stored_figures_equal_the_live_ones(world):
    chosen = [get_measure(k) for k in KEYS]
    refresh_measures(measures=chosen)
    # 24 months x (council + 1 service + 6 teams) per measure.
    assert MeasureFigure.objects.filter(measure_key="referrals").count() == 24 * 8
    scopes = [Scope.council(), Scope.service(world.s.pk), Scope.team(world.a.pk)]
    stored = read_figures(measures=chosen, months=[FEB, MAR], scopes=scopes)
    for measure in chosen:
        assert stored[measure.key] == measure.figures([FEB, MAR], scopes), measure.key
    assert stored["referrals"][(MAR, Scope.council())].value == 3


def test_a_new_record_changes_the_figure_read_afterwards(world):
    refresh_measures(measures=[get_measure(k) for k in KEYS])
    contacts_before = MeasureRefresh.objects.get(measure_key="contacts").computed_at
    assert read("referrals").value == 3
    # A referral recorded through the records service (it writes the audit event).
    record_create(
        model=Episode,
        actor=system_actor(),
        child=world.c4,
        referral_date=D(2026, 3, 16),
        source="1A",
        is_re_referral=True,
    )
    assert [
        m.key for m in stale_measures([get_measure(k) for k in KEYS], as_of=D(2026, 3, 20))
    ] == [
        "referrals",
        "re_referral_rate",
        "cin_open",
        "drift_unallocated",  # drift measures read every record app
    ]
    assert read("referrals").value == 4
    # c4 (allocated to A since 1 Nov 2025) is now referred: one more child in need in March.
    assert read("cin_open").value == 4
    assert read("referrals", scope=Scope.team(world.a.pk)).value == 2  # c1 and c4
    assert read("re_referral_rate").numerator == 2
    # Contacts read no episodes: not recomputed.
    read("contacts")
    assert MeasureRefresh.objects.get(measure_key="contacts").computed_at == contacts_before


def test_figures_computed_on_another_day_are_recomputed(world):
    refresh_measures(measures=[get_measure("cin_open")], as_of=D(2026, 3, 19))
    assert stale_measures([get_measure("cin_open")], as_of=D(2026, 3, 20)) != []
    read("cin_open")
    assert MeasureRefresh.objects.get(measure_key="cin_open").as_of == D(2026, 3, 20)


def test_months_outside_the_stored_window_are_computed_directly(world):
    old = D(2023, 3, 1)
    assert read("referrals", month=old).value == 0
    assert not MeasureFigure.objects.filter(month=old).exists()


def test_the_refresh_command_refreshes_every_measure_and_draws_their_charts(
    world, capsys, monkeypatch
):
    cache.clear()
    call_command("refresh_scorecard", "--measure", "referrals", "--measure", "contacts")
    out = capsys.readouterr().out
    assert "Refreshed 2 measures (384 figures)" in out
    assert set(MeasureRefresh.objects.values_list("measure_key", flat=True)) == {
        "referrals",
        "contacts",
    }
    # The council, service S and six teams, two measures each: drawn now, so a reader draws none.
    assert "Charts ready: 16 for 8 areas" in out
    drawn = []
    real_draw = charts._draw
    monkeypatch.setattr(charts, "_draw", lambda **kw: drawn.append(kw) or real_draw(**kw))
    assert warm_charts([Scope.council(), Scope.team(world.b.pk)], keys=["referrals"]) == 2
    assert drawn == []
    cache.clear()
    call_command("refresh_scorecard", "--measure", "referrals", "--no-charts")
    assert "Charts ready" not in capsys.readouterr().out
    assert warm_charts([Scope.team(world.b.pk)], keys=["referrals"]) == 1
    assert len(drawn) == 1  # not drawn ahead this time


def test_the_scorecard_has_a_row_per_measure_with_24_months(world):
    card = scorecard(scope=Scope.council(), keys=["referrals", "re_referral_rate"])
    assert [r.measure.key for r in card.rows] == ["referrals", "re_referral_rate"]
    row = card.row("referrals")
    assert len(row.figures) == 24
    assert card.months[-1] == MAR
    assert card.months[0] == D(2024, 4, 1)
    assert row.latest.value == 3
    assert card.row("re_referral_rate").national.value == Decimal("22.6")
    # Three months with none before, then three: up; for re-referrals (lower is better) worse.
    assert row.trend == "up"
    assert card.groups()[0][0] == "Front door"


def test_a_full_scorecard_lists_every_measure(world):
    card = scorecard(scope=Scope.team(world.a.pk), months=3)
    assert [r.measure.key for r in card.rows] == [m.key for m in measures()]
    assert all(len(r.figures) == 3 for r in card.rows)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([1, 1, 1, 2, 2, 2], "up"),
        ([2, 2, 2, 1, 1, 1], "down"),
        ([100, 100, 100, 104, 100, 100], "flat"),
        ([None, None, None, 1, 1, 1], "none"),
        ([1, 2], "none"),
    ],
)
def test_trend(values, expected):
    assert trend_of([None if v is None else Decimal(v) for v in values]) == expected


def test_children_behind_a_figure_are_limited_to_what_the_user_may_see(world):
    worker = UserFactory(role=Role.SOCIAL_WORKER, team=world.a)
    drill = children_behind(user=worker, measure_key="referrals", month=MAR, scope=Scope.council())
    assert drill.total == 3
    assert drill.figure.value == 3
    assert list(drill.children) == [world.c1]
    assert drill.shown == 1
    assert drill.outside_scope == 2
    assert "2 of the 3 children" in drill.note
    leader = UserFactory(role=Role.SENIOR_LEADER)
    drill = children_behind(user=leader, measure_key="referrals", month=MAR, scope=Scope.council())
    assert drill.shown == 3
    assert drill.note == ""


def test_stale_engine_measures_wait_for_the_refresh_command_and_are_marked(world):
    measure = get_measure("drift_unallocated")
    refresh_measures(measures=[measure])
    before = MeasureRefresh.objects.get(measure_key=measure.key).computed_at
    # c4 is referred; the engine's figures may move, but recomputing them on read would cost
    # 24 engine evaluations: the stored ones are served and marked stale.
    record_create(
        model=Episode,
        actor=system_actor(),
        child=world.c4,
        referral_date=D(2026, 3, 16),
        source="1A",
    )
    card = scorecard(scope=Scope.council(), keys=[measure.key])
    assert card.stale_keys == {measure.key}
    assert MeasureRefresh.objects.get(measure_key=measure.key).computed_at == before
    call_command("refresh_scorecard", "--stale-only", "--measure", measure.key)
    assert scorecard(scope=Scope.council(), keys=[measure.key]).stale_keys == frozenset()


@override_settings(CAIRN_SCORECARD_ENGINE_ON_READ=True)
def test_engine_measures_can_be_recomputed_on_read(world):
    measure = get_measure("visits_in_time")
    refresh_measures(measures=[measure])
    record_create(
        model=Episode,
        actor=system_actor(),
        child=world.c4,
        referral_date=D(2026, 3, 16),
        source="1A",
    )
    card = scorecard(scope=Scope.council(), keys=[measure.key])
    assert card.stale_keys == frozenset()
    assert stale_measures([measure], as_of=D(2026, 3, 20)) == []


def test_a_cards_cached_charts_are_read_in_one_query(world, django_assert_num_queries):
    cache.clear()
    card = scorecard(scope=Scope.council(), keys=["referrals", "contacts", "cin_open"])
    draw = charts.card_chart(card)
    first = [draw(row) for row in card.rows]  # drawn and stored
    with django_assert_num_queries(1):
        draw = charts.card_chart(card)
        again = [draw(row) for row in card.rows]
    assert again == first
    assert all("<svg" in svg for svg in again)
