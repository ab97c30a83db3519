"""The synthetic council breaks every drift rule on purpose (issue 7): `drift_report` on the
small council (seed 1, as of 31 March 2026) shows each rule of the catalogue at least once.
The council is seeded once for the package."""

import json
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from cairn.tests.small_council.conftest import AS_OF
from cairn.timescales.catalogue import CATALOGUE, RuleKind


@pytest.fixture
def report(council) -> dict:
    out = StringIO()
    call_command("drift_report", as_of=AS_OF.isoformat(), format="json", stdout=out)
    return json.loads(out.getvalue())


def test_every_rule_of_the_catalogue_shows_at_least_once(report):
    rules = {code for code, rule in CATALOGUE.items() if rule.kind != RuleKind.SETTING}
    counts = Counter(alert["rule"] for alert in report["alerts"])
    assert report["as_of"] == AS_OF.isoformat()
    assert rules - set(counts) == set()
    assert set(counts) <= rules


def test_the_deliberate_breaks_are_the_ones_planned(report):
    by_rule: dict[str, list[dict]] = {}
    for alert in report["alerts"]:
        by_rule.setdefault(alert["rule"], []).append(alert)
    # The case holder off sick with no cover: every child they hold, flagged.
    assert all(a["status"] == "flag" and a["worker"] for a in by_rule["WORKER_ABSENT"])
    # Pre-proceedings past 16 weeks from the letter; proceedings past 26 weeks, no extension.
    assert any(a["status"] == "overdue" for a in by_rule["PLO_DURATION"])
    assert any(a["status"] == "overdue" for a in by_rule["PROCEEDINGS_26W"])
    assert all(a["severity"] == "high" for a in by_rule["PROCEEDINGS_26W"] if a["overdue_by"] > 0)
    # Active plans whose contingency was never completed.
    assert all(a["status"] == "flag" and a["child"] for a in by_rule["PLAN_NO_CONTINGENCY"])
