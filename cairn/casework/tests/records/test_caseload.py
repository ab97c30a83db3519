"""The caseload list (and the home page that shows it): content, scope and bounded queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cairn.accounts.roles import Role
from cairn.testing.factories import AllocationFactory, PersonFactory
from cairn.testing.records_factories import (
    ActivePlanFactory,
    AssessmentFactory,
    EpisodeFactory,
    LevelTransitionFactory,
    SignificantEventFactory,
    VisitFactory,
)
from cairn.testing.workforce_factories import OversightEntryFactory

pytestmark = pytest.mark.django_db

# Session, user, navigation, the caseload with level and last visit, one query per due rule:
# 14 today, whatever the caseload's size.
CASELOAD_MAX_QUERIES = 17  # +1: the workforce flags (UNALLOCATED, WORKER_ABSENT)
CASELOAD_MAX_QUERIES += 3  # child protection: ICPC_15WD, the CP plan rules, practice alerts
CASELOAD_MAX_QUERIES += 1  # workforce: CASE_OVERSIGHT_DUE
# The drift engine's alerts for the caseload's children (ADR 0016) in place of "what is due":
# its rule values, the cases open and allocations current on D, and the rules the old list did
# not have (contact decisions, plan practice flags, PLO_DURATION, PROCEEDINGS_26W).
CASELOAD_MAX_QUERIES += 5


def _case(worker, team, n: int = 0):
    child = PersonFactory()
    AllocationFactory(child=child, team=team, worker=worker)
    episode = EpisodeFactory(child=child)
    LevelTransitionFactory(child=child, decided_by=worker)
    ActivePlanFactory(episode=episode, started_on=dt.date(2026, 2, 2))
    AssessmentFactory(episode=episode, target_date=dt.date(2026, 2, 25) + dt.timedelta(days=n))
    VisitFactory(episode=episode, worker=worker, visited_on=dt.date(2026, 3, 2))
    SignificantEventFactory(child=child)
    # Management oversight two weeks ago: CASE_OVERSIGHT_DUE is not the next thing due.
    OversightEntryFactory(child=child, recorded_on=dt.date(2026, 3, 2))
    return child


def test_lists_level_next_due_and_last_visit(worker_client, worker, teams):
    child = _case(worker, teams["north"])

    response = worker_client.get(reverse("casework:caseload"))

    page = response.content.decode()
    assert response.status_code == 200
    assert reverse("casework:child_detail", args=[child.pk]) in page
    [row] = response.context["rows"]
    assert row.level.text == "Child in need"
    # The most urgent of the engine's alerts, linked to where to act.
    assert row.next_due.rule == "ASSESSMENT_45WD"
    assert row.next_due.what == "Assessment within 45 working days"
    assert row.next_due.due == "25 February 2026"  # referral 19 Dec 2025 + 45 WD
    assert row.next_due.tag.text == "Overdue"
    assert row.next_due.url in page
    assert row.last_visit == "2 March 2026"


def test_the_home_page_shows_the_caseload(worker_client, worker, teams):
    _case(worker, teams["north"])
    page = worker_client.get(reverse("home")).content.decode()
    assert "Assessment within 45 working days" in page
    assert "Children allocated to you: 1." in page


def test_a_manager_sees_a_team_members_caseload_and_others_do_not(client, users, teams):
    worker = users[Role.SOCIAL_WORKER]
    child = _case(worker, teams["north"])
    url = reverse("casework:worker_caseload", args=[worker.pk])

    client.force_login(users[Role.TEAM_MANAGER])
    response = client.get(url)
    assert response.status_code == 200
    assert [r.name for r in response.context["rows"]] == [child.full_name]

    client.force_login(users[Role.SENIOR_PRACTITIONER])
    assert client.get(url).status_code == 403
    client.force_login(users[Role.QA_OFFICER])
    assert client.get(url).status_code == 403


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.SOCIAL_WORKER, 200),
        (Role.SENIOR_PRACTITIONER, 200),
        (Role.TEAM_MANAGER, 200),
        (Role.CP_CHAIR, 403),
        (Role.SYSTEM_ADMIN, 403),
    ],
)
def test_own_caseload_page_is_for_case_holders(client, users, role, status):
    client.force_login(users[role])
    assert client.get(reverse("casework:caseload")).status_code == status


def test_queries_do_not_grow_with_the_caseload(
    worker_client, worker, teams, django_assert_max_num_queries
):
    _case(worker, teams["north"])
    with CaptureQueriesContext(connection) as one:
        worker_client.get(reverse("casework:caseload"))
    assert len(one) <= CASELOAD_MAX_QUERIES
    for n in range(15):
        _case(worker, teams["north"], n)
    with django_assert_max_num_queries(len(one)):
        response = worker_client.get(reverse("casework:caseload"))
    assert len(response.context["rows"]) == 16
    # The home page adds one query: the covers the worker holds (workforce, ADR 0013).
    with django_assert_max_num_queries(len(one) + 1):
        assert len(worker_client.get(reverse("home")).context["rows"]) == 16
