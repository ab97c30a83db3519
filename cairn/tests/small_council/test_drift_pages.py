"""The pages show the same alerts `drift_report` prints (issue 7): on the small synthetic
council, the team page of every team, unfiltered, lists exactly the command's alerts."""

import json
from io import StringIO

from django.core.management import call_command
from django.test.utils import override_settings
from django.urls import reverse

from cairn.accounts.models import User
from cairn.accounts.roles import Role
from cairn.people.presenters import format_date
from cairn.testing.factories import UserFactory
from cairn.tests.small_council.conftest import AS_OF
from cairn.timescales.alert_selectors import team_names, worker_names
from cairn.timescales.models import AlertSnapshot
from cairn.workforce.selectors.caseload import case_holding_teams


def test_team_pages_show_exactly_the_drift_report(council, client):
    out = StringIO()
    call_command("drift_report", "--as-of", AS_OF.isoformat(), "--format", "json", stdout=out)
    printed = json.loads(out.getvalue())["alerts"]
    ids = dict(User.objects.values_list("username", "pk"))
    workers = worker_names(ids.values())
    teams = team_names(a["team"] for a in printed)
    expected = [
        (
            a["rule"],
            a["child"] or "",
            workers[ids[a["worker"]]] if a["worker"] else "",
            teams.get(a["team"], ""),
            a["status"],
            format_date(AS_OF.fromisoformat(a["due"])) if a["due"] else "",
        )
        for a in printed
    ]

    client.force_login(UserFactory(role=Role.SENIOR_LEADER))
    shown = []
    with override_settings(CAIRN_TODAY=AS_OF.isoformat()):
        for team in case_holding_teams(team_ids=None):
            response = client.get(reverse("timescales:alerts_team"), {"team": team.pk})
            assert response.status_code == 200
            shown += [
                (r.rule, r.la_child_id, r.worker_name, r.team_name, r.status, r.due)
                for r in response.context["rows"]
            ]
    assert len(printed) > 100
    assert sorted(shown) == sorted(expected)


def test_the_seed_snapshots_twelve_weeks_of_real_counts(council):
    dates = sorted(set(AlertSnapshot.objects.values_list("date", flat=True)))
    assert len(dates) == 12
    assert dates[-1] == AS_OF
    assert all((b - a).days == 7 for a, b in zip(dates, dates[1:], strict=False))
    out = StringIO()
    call_command("drift_report", "--as-of", AS_OF.isoformat(), "--format", "json", stdout=out)
    printed = json.loads(out.getvalue())["alerts"]
    total = sum(AlertSnapshot.objects.filter(date=AS_OF).values_list("count", flat=True))
    assert total == len(printed)
