"""The drift_report command (timescales.md contract) and the engine's bounded queries."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cairn.testing.factories import AllocationFactory, UserFactory
from cairn.testing.protection_factories import CPPlanFactory
from cairn.testing.records_factories import ActivePlanFactory, EpisodeFactory, VisitFactory
from cairn.timescales.engine import alerts_as_of

pytestmark = pytest.mark.django_db
D = dt.date
KEYS = {
    "rule",
    "status",
    "severity",
    "child",
    "worker",
    "team",
    "due",
    "overdue_by",
    "unit",
    "explanation",
}


def council(children: int):
    for n in range(children):
        worker = UserFactory()
        episode = EpisodeFactory(referral_date=D(2025, 11, 3))
        AllocationFactory(
            child=episode.child, worker=worker, team=worker.team, started_on=D(2025, 11, 3)
        )
        factory = CPPlanFactory if n % 2 else ActivePlanFactory
        plan = factory(episode=episode, child=episode.child, started_on=D(2025, 12, 1))
        VisitFactory(episode=episode, child=episode.child, visited_on=D(2026, 1, 5))
        assert plan.pk


def report(*args) -> str:
    out = StringIO()
    call_command("drift_report", *args, stdout=out)
    return out.getvalue()


def test_json_matches_the_contract():
    council(2)
    payload = json.loads(report("--as-of", "2026-03-31", "--format", "json"))
    assert set(payload) == {"as_of", "alerts"}
    assert payload["as_of"] == "2026-03-31"
    assert payload["alerts"]
    for alert in payload["alerts"]:
        assert set(alert) == KEYS
        assert alert["status"] in {"overdue", "due_soon", "flag"}
        if alert["status"] == "flag":
            assert (alert["due"], alert["overdue_by"], alert["unit"]) == (None, None, None)
        else:
            assert alert["unit"] in {"working_days", "calendar_days"}
            dt.date.fromisoformat(alert["due"])
        if alert["rule"] in {"SUPERVISION_DUE", "CASELOAD_HIGH"}:
            assert alert["child"] is None
            assert alert["worker"]
    pairs = [(a["rule"], a["child"], a["worker"]) for a in payload["alerts"]]
    assert len(pairs) == len(set(pairs))  # one alert per rule per subject


def test_text_is_a_readable_table():
    council(1)
    text = report("--as-of", "2026-03-31", "--format", "text")
    assert text.startswith("Drift alerts as of 2026-03-31:")
    assert "Rule" in text
    assert "Explanation" in text
    assert "CIN_VISIT_DUE" in text


@pytest.mark.parametrize("bad", ["2026-02-30", "31/03/2026", "tomorrow"])
def test_bad_dates_are_refused_clearly(bad):
    with pytest.raises(CommandError, match="--as-of must be a real date written YYYY-MM-DD"):
        report("--as-of", bad)


def test_queries_do_not_grow_with_children(django_assert_max_num_queries):
    council(2)
    with django_assert_max_num_queries(30) as few:
        alerts_as_of(as_of=D(2026, 3, 31))
    council(12)
    with django_assert_max_num_queries(len(few.captured_queries)):
        alerts = alerts_as_of(as_of=D(2026, 3, 31))
    assert len({a.child_id for a in alerts if a.child_id}) == 14


def test_children_teams_and_rules_filters():
    council(4)
    child = EpisodeFactory(referral_date=D(2025, 11, 3)).child
    mine = alerts_as_of(as_of=D(2026, 3, 31), children=[child.pk])
    assert {a.child_id for a in mine} == {child.pk}
    assert {a.rule for a in mine} == {"UNALLOCATED", "CASE_OVERSIGHT_DUE"}
    only_visits = alerts_as_of(as_of=D(2026, 3, 31), rules=["CP_VISIT_DUE"])
    assert {a.rule for a in only_visits} == {"CP_VISIT_DUE"}
    team = only_visits[0].team_id
    assert {a.team_id for a in alerts_as_of(as_of=D(2026, 3, 31), teams=[team])} == {team}
    with pytest.raises(ValueError, match="NOT_A_RULE"):
        alerts_as_of(as_of=D(2026, 3, 31), rules=["NOT_A_RULE"])
