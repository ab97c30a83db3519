"""The drift pages (ADR 0019): who sees which page, whose alerts each shows, the filters, links
to act, the trend from snapshots, and a number of queries that does not grow with children."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from cairn.accounts.roles import Role
from cairn.testing.factories import AllocationFactory, PersonFactory, UserFactory
from cairn.testing.protection_factories import cp_plan_with_history
from cairn.testing.records_factories import ActivePlanFactory, EpisodeFactory
from cairn.testing.staff_factories import AbsenceFactory, CoverFactory
from cairn.timescales.models import AlertSnapshot

TODAY = dt.date(2026, 3, 31)
PAGES = ["alerts_mine", "alerts_team", "alerts_service", "alerts_chair"]
# Who may open each page.
ALLOWED = {
    "alerts_mine": {Role.SOCIAL_WORKER, Role.SENIOR_PRACTITIONER, Role.TEAM_MANAGER},
    "alerts_team": {Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.SENIOR_LEADER},
    "alerts_service": {Role.SERVICE_MANAGER, Role.SENIOR_LEADER, Role.PERFORMANCE_ANALYST},
    "alerts_chair": {Role.CP_CHAIR},
}


@pytest.fixture(autouse=True)
def pinned_today():
    with override_settings(CAIRN_TODAY=TODAY.isoformat()):
        yield


def open_cin_child(*, team, worker=None, given="Child", family="One"):
    """A child open since November 2025 on a CIN plan from 1 December 2025, never visited:
    CIN_VISIT_DUE is overdue on 31 March 2026."""
    child = PersonFactory(given_name=given, family_name=family)
    episode = EpisodeFactory(child=child, referral_date=dt.date(2025, 11, 3))
    AllocationFactory(child=child, team=team, worker=worker, started_on=dt.date(2025, 11, 3))
    ActivePlanFactory(episode=episode, child=child, started_on=dt.date(2025, 12, 1))
    return child


@pytest.fixture
def council(teams, users):
    """Amara (the North social worker's), Tyler (South, another worker's)."""
    south_worker = UserFactory(
        username="south.worker", role=Role.SOCIAL_WORKER, team=teams["south"]
    )
    amara = open_cin_child(
        team=teams["north"], worker=users[Role.SOCIAL_WORKER], given="Amara", family="Okafor"
    )
    tyler = open_cin_child(team=teams["south"], worker=south_worker, given="Tyler", family="Hughes")
    return {"amara": amara, "tyler": tyler, "south_worker": south_worker}


def page(client, user, name, **params):
    client.force_login(user)
    return client.get(reverse(f"timescales:{name}"), params)


def shown(response) -> set[tuple[str, str]]:
    return {(row.rule, row.la_child_id) for row in response.context["rows"]}


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("role", [r for r in Role if r != Role.SYSTEM], ids=lambda r: r.value)
def test_each_page_opens_only_for_its_roles(client, users, council, name, role):
    response = page(client, users[role], name)
    assert response.status_code == (200 if role in ALLOWED[name] else 403)


class TestMyWork:
    def test_shows_the_workers_children_overdue_first_with_a_link_to_act(
        self, client, users, council
    ):
        response = page(client, users[Role.SOCIAL_WORKER], "alerts_mine")
        rows = response.context["rows"]
        assert {row.la_child_id for row in rows} == {council["amara"].la_child_id}
        assert ("CIN_VISIT_DUE", council["amara"].la_child_id) in shown(response)
        order = {"overdue": 0, "due_soon": 1, "flag": 2}
        assert [order[r.status] for r in rows] == sorted(order[r.status] for r in rows)
        visit = next(r for r in rows if r.rule == "CIN_VISIT_DUE")
        assert visit.action_url == reverse("casework:visit_create", args=[council["amara"].pk])
        assert "has not been seen since the plan started on 1 Dec 2025" in visit.explanation
        html = response.content.decode()
        assert visit.action_url in html
        assert "Tyler" not in html

    def test_a_cover_worker_sees_the_absent_colleagues_children(self, client, users, council):
        absence = AbsenceFactory(worker=council["south_worker"], starts_on=dt.date(2026, 3, 20))
        CoverFactory(
            absence=absence,
            cover_worker=users[Role.SENIOR_PRACTITIONER],
            starts_on=dt.date(2026, 3, 20),
            ends_on=dt.date(2026, 4, 10),
        )
        response = page(client, users[Role.SENIOR_PRACTITIONER], "alerts_mine")
        assert {row.la_child_id for row in response.context["rows"]} == {
            council["tyler"].la_child_id
        }

    def test_filters_by_rule_and_status(self, client, users, council):
        worker = users[Role.SOCIAL_WORKER]
        by_rule = page(client, worker, "alerts_mine", rule="CIN_VISIT_DUE")
        assert {r.rule for r in by_rule.context["rows"]} == {"CIN_VISIT_DUE"}
        flags = page(client, worker, "alerts_mine", status="flag")
        assert {r.status for r in flags.context["rows"]} <= {"flag"}
        assert "CIN_VISIT_DUE" not in {r.rule for r in flags.context["rows"]}

    def test_a_bad_filter_is_an_error_on_its_field_and_is_ignored(self, client, users, council):
        response = page(client, users[Role.SOCIAL_WORKER], "alerts_mine", rule="NO_SUCH_RULE")
        assert response.status_code == 200
        assert "Select a rule from the list" in response.content.decode()
        assert ("CIN_VISIT_DUE", council["amara"].la_child_id) in shown(response)


class TestTeam:
    def test_a_team_manager_sees_their_team_by_worker_and_rule(self, client, users, council):
        response = page(client, users[Role.TEAM_MANAGER], "alerts_team")
        assert response.context["team"].name == "North locality"
        children = {row.la_child_id for row in response.context["rows"] if row.la_child_id}
        assert children == {council["amara"].la_child_id}
        workers = {row.label for row in response.context["by_worker"]}
        assert users[Role.SOCIAL_WORKER].get_full_name() in workers
        visits = next(r for r in response.context["by_rule"] if r.key == "CIN_VISIT_DUE")
        assert visits.overdue == 1
        assert "Tyler" not in response.content.decode()

    def test_another_teams_alerts_are_refused(self, client, users, council, teams):
        response = page(
            client, users[Role.TEAM_MANAGER], "alerts_team", team=str(teams["south"].pk)
        )
        assert response.context["team"].name == "North locality"
        assert "Select a team from the list" in response.content.decode()
        assert council["tyler"].la_child_id not in {r.la_child_id for r in response.context["rows"]}

    def test_a_senior_leader_chooses_any_team(self, client, users, council, teams):
        response = page(
            client, users[Role.SENIOR_LEADER], "alerts_team", team=str(teams["south"].pk)
        )
        assert {r.la_child_id for r in response.context["rows"] if r.la_child_id} == {
            council["tyler"].la_child_id
        }

    def test_the_number_of_queries_does_not_grow_with_children(
        self, client, users, council, teams, django_assert_max_num_queries
    ):
        manager = users[Role.TEAM_MANAGER]
        client.force_login(manager)
        url = reverse("timescales:alerts_team")
        with CaptureQueriesContext(connection) as few:
            client.get(url)
        for n in range(6):
            open_cin_child(team=teams["north"], worker=users[Role.SOCIAL_WORKER], given=f"C{n}")
        with django_assert_max_num_queries(len(few.captured_queries)):
            response = client.get(url)
        assert len(response.context["rows"]) > 6


class TestService:
    def test_by_team_and_rule_for_the_managers_service(self, client, users, council, teams):
        response = page(client, users[Role.SERVICE_MANAGER], "alerts_service")
        by_team = {row.label: row for row in response.context["by_team"]}
        assert set(by_team) == {"North locality", "South locality"}
        assert by_team["South locality"].url.endswith(f"?team={teams['south'].pk}")
        assert any(r.key == "CIN_VISIT_DUE" and r.overdue == 2 for r in response.context["by_rule"])

    def test_an_analyst_sees_every_team_without_links_to_team_pages(self, client, users, council):
        response = page(client, users[Role.PERFORMANCE_ANALYST], "alerts_service")
        by_team = {row.label: row.url for row in response.context["by_team"]}
        assert by_team == {"North locality": "", "South locality": ""}

    def test_the_trend_reads_snapshots_and_never_recomputes(self, client, users, council, teams):
        week_ago = TODAY - dt.timedelta(weeks=1)
        AlertSnapshot.objects.create(
            date=week_ago, rule="CIN_VISIT_DUE", team=teams["north"], status="overdue", count=7
        )
        AlertSnapshot.objects.create(
            date=week_ago, rule="CIN_VISIT_DUE", team=teams["disabled"], status="overdue", count=50
        )
        response = page(client, users[Role.SERVICE_MANAGER], "alerts_service")
        trend = response.context["trend"]
        assert len(trend) == 12
        assert [w.recorded for w in trend] == [False] * 10 + [True, False]
        assert (trend[10].date, trend[10].overdue, trend[10].total) == ("24 March 2026", 7, 7)
        html = response.content.decode()
        assert "Not recorded" in html

    def test_query_count_is_bounded(self, client, users, council, django_assert_max_num_queries):
        client.force_login(users[Role.SERVICE_MANAGER])
        with django_assert_max_num_queries(40):
            client.get(reverse("timescales:alerts_service"))


class TestChair:
    def test_a_chair_sees_the_children_whose_conference_they_chaired(self, client, users, teams):
        chair = users[Role.CP_CHAIR]
        chaired = PersonFactory(given_name="Kofi", family_name="Mensah")
        AllocationFactory(child=chaired, team=teams["north"], started_on=dt.date(2025, 11, 3))
        cp_plan_with_history(child=chaired, started_on=dt.date(2026, 1, 26), chair=chair)
        other = PersonFactory(given_name="Mia", family_name="Clarke")
        AllocationFactory(child=other, team=teams["north"], started_on=dt.date(2025, 11, 3))
        cp_plan_with_history(
            child=other, started_on=dt.date(2026, 1, 26), chair=UserFactory(role=Role.CP_CHAIR)
        )
        response = page(client, chair, "alerts_chair")
        children = {row.la_child_id for row in response.context["rows"]}
        assert children == {chaired.la_child_id}

    def test_a_chair_with_no_conferences_sees_none(self, client, users, council):
        response = page(client, users[Role.CP_CHAIR], "alerts_chair")
        assert response.context["rows"] == []
        assert "Nothing is overdue or due soon" in response.content.decode()
