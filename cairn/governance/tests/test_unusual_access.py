"""The unusual-access report (ADR 0023): views outside the user's team, of restricted records,
by leavers' accounts, and bulk viewing; with its CSV download."""

import csv
import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse

from cairn.accounts.roles import Role
from cairn.core.audit import record_access
from cairn.governance import services
from cairn.testing.factories import AllocationFactory, PersonFactory, UserFactory
from cairn.testing.staff_factories import StaffRecordFactory

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 3, 10)
URL = reverse("governance:unusual_access")
PERIOD = {"start_0": 9, "start_1": 3, "start_2": 2026, "end_0": 11, "end_1": 3, "end_2": 2026}


def _at(day: dt.date, hour: int = 11):
    return time_machine.travel(
        dt.datetime.combine(day, dt.time(hour, 0), tzinfo=dt.UTC), tick=False
    )


def _report(client, users, **extra):
    client.force_login(users[Role.IG_OFFICER])
    with _at(DAY + dt.timedelta(days=2)):
        return client.get(URL, {**PERIOD, **extra})


def test_a_view_of_another_teams_child_is_outside_the_team(
    client, users, child_in_north, child_in_south
):
    worker = users[Role.SOCIAL_WORKER]  # North team, Amara's worker
    with _at(DAY):
        record_access(actor=worker, person=child_in_north, page="/children/1/")
        record_access(actor=worker, person=child_in_south, page="/children/2/")
        # a chair sees every child: not a team-scoped role
        record_access(actor=users[Role.CP_CHAIR], person=child_in_south, page="/children/2/")
        # the service manager manages the South team: inside their teams
        record_access(actor=users[Role.SERVICE_MANAGER], person=child_in_south, page="/children/2/")
    report = _report(client, users).context["report"]
    assert [(r.username, r.person) for r in report["outside_team"]] == [
        (worker.username, "Tyler Hughes")
    ]


def test_an_ended_allocation_no_longer_counts(client, users, teams):
    worker = users[Role.SOCIAL_WORKER]
    child = PersonFactory(given_name="Leo", family_name="Grant")
    AllocationFactory(
        child=child,
        team=teams["north"],
        started_on=dt.date(2025, 1, 1),
        ended_on=dt.date(2026, 3, 1),
    )
    AllocationFactory(child=child, team=teams["disabled"], started_on=dt.date(2026, 3, 2))
    with _at(DAY):
        record_access(actor=worker, person=child, page="/children/9/")
    report = _report(client, users).context["report"]
    assert [r.person for r in report["outside_team"]] == ["Leo Grant"]


def test_views_and_refusals_of_restricted_records(client, users, child_in_north, child_in_south):
    ig = users[Role.IG_OFFICER]
    with _at(DAY - dt.timedelta(days=1), hour=9):
        services.person_restrict(actor=ig, person=child_in_north, category="other", reason="x")
    with _at(DAY):
        record_access(
            actor=users[Role.CP_CHAIR], person=child_in_north, page="/children/1/", granted=False
        )
        record_access(actor=users[Role.CP_CHAIR], person=child_in_south, page="/children/2/")
    rows = _report(client, users).context["report"]["restricted"]
    assert [(r.person, r.detail) for r in rows] == [("Amara Okafor", "/children/1/ (refused)")]


def test_access_by_a_leavers_account(client, users, child_in_north):
    leaver = UserFactory(username="leaver", first_name="Lee", last_name="Vere")
    StaffRecordFactory(user=leaver, left_on=DAY - dt.timedelta(days=1))
    stayer = UserFactory(username="stayer")
    StaffRecordFactory(user=stayer, left_on=DAY + dt.timedelta(days=30))
    with _at(DAY):
        record_access(actor=leaver, person=child_in_north, page="/children/1/", granted=False)
        record_access(actor=stayer, person=child_in_north, page="/children/1/")
    rows = _report(client, users).context["report"]["leavers"]
    assert [r.username for r in rows] == ["leaver"]
    assert rows[0].detail == "Left on 9 Mar 2026: /children/1/ (refused)"


def test_bulk_viewing_counts_distinct_people_in_a_day(client, users, settings, teams):
    settings.CAIRN_BULK_VIEWING_THRESHOLD = 3
    analyst = users[Role.PERFORMANCE_ANALYST]
    chair = users[Role.CP_CHAIR]
    children = [PersonFactory() for _ in range(4)]
    with _at(DAY):
        for child in children:
            record_access(actor=analyst, person=child, page="/p/")
        for _ in range(5):  # the same child five times is one record
            record_access(actor=chair, person=children[0], page="/p/")
    with _at(DAY + dt.timedelta(days=1)):
        for child in children[:3]:  # three is not more than three
            record_access(actor=analyst, person=child, page="/p/")
    rows = _report(client, users).context["report"]["bulk"]
    assert [(r.username, r.at) for r in rows] == [(analyst.username, DAY)]
    assert "4 different people's records" in rows[0].detail


def test_the_report_downloads_as_csv(client, users, child_in_north, child_in_south):
    with _at(DAY):
        record_access(actor=users[Role.SOCIAL_WORKER], person=child_in_south, page="/c/2/")
    response = _report(client, users, format="csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["category"], r["person"], r["username"]) for r in rows] == [
        ("Outside the user's team", "Tyler Hughes", users[Role.SOCIAL_WORKER].username)
    ]


def test_the_access_review_downloads_as_csv(client, users, child_in_north):
    with _at(DAY):
        record_access(actor=users[Role.CP_CHAIR], person=child_in_north, page="/children/1/")
    client.force_login(users[Role.IG_OFFICER])
    response = client.get(
        reverse("governance:access_review"),
        {"reference": child_in_north.la_child_id, **PERIOD, "format": "csv"},
    )
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["kind"], r["page_or_record"]) for r in rows] == [("view", "/children/1/")]


def test_bad_period_is_a_field_error(client, users):
    client.force_login(users[Role.IG_OFFICER])
    response = client.get(
        URL, {"start_0": 9, "start_1": 3, "start_2": 2026, "end_0": 1, "end_1": 3, "end_2": 2026}
    )
    assert response.context["form"].errors["end"] == [
        "The end of the period must be on or after its start"
    ]
    assert response.context["report"] is None


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.SENIOR_LEADER, Role.SYSTEM_ADMIN])
def test_only_ig_sees_the_report(client, users, role):
    client.force_login(users[role])
    assert client.get(URL).status_code == 403
