"""CASE_OVERSIGHT_DUE, UNALLOCATED, WORKER_ABSENT, SUPERVISION_DUE, CASELOAD_HIGH."""

import datetime as dt

import pytest

from cairn.testing.factories import AllocationFactory, TeamFactory, UserFactory
from cairn.testing.records_factories import EpisodeFactory
from cairn.testing.staff_factories import AbsenceFactory, CoverFactory, StaffRecordFactory
from cairn.testing.timescales_factories import (
    OversightEntryFactory,
    SupervisionSessionFactory,
    SupervisionStandardFactory,
)
from cairn.timescales.tests.conftest import only

pytestmark = pytest.mark.django_db
D = dt.date


ALLOCATED = D(2025, 11, 30)


def open_case(worker=None, *, allocated: dt.date = ALLOCATED, **episode):
    episode = EpisodeFactory(referral_date=D(2025, 11, 1), **episode)
    team = worker.team if worker else TeamFactory()
    AllocationFactory(child=episode.child, worker=worker, team=team, started_on=allocated)
    return episode.child


# ---- CASE_OVERSIGHT_DUE (1 month) -----------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "status", "overdue_by"),
    [
        (D(2025, 12, 29), "due_soon", -1),
        (D(2025, 12, 30), "due_soon", 0),
        (D(2025, 12, 31), "overdue", 1),
    ],
)
def test_case_oversight_from_allocation_across_new_year(run, as_of, status, overdue_by):
    open_case(UserFactory(), allocated=D(2025, 11, 30))  # + 1 month = 30 Dec
    alert = only(run("CASE_OVERSIGHT_DUE", as_of))
    assert (alert.status, alert.overdue_by, alert.due) == (status, overdue_by, D(2025, 12, 30))


def test_case_oversight_met_closed_easter_window_and_local_value(run, set_value):
    child = open_case(UserFactory(), allocated=D(2025, 11, 30))
    OversightEntryFactory(child=child, recorded_on=D(2026, 3, 7))  # due Tue 7 Apr
    assert run("CASE_OVERSIGHT_DUE", D(2026, 3, 26)) == []
    assert only(run("CASE_OVERSIGHT_DUE", D(2026, 3, 27))).due == D(2026, 4, 7)
    set_value("CASE_OVERSIGHT_DUE", 2)
    assert run("CASE_OVERSIGHT_DUE", D(2026, 4, 8)) == []
    open_case(
        UserFactory(), allocated=D(2025, 11, 30), closed_on=D(2025, 12, 1), closure_reason="RC7"
    )
    assert run("CASE_OVERSIGHT_DUE", D(2026, 6, 1))[0].child_id == child.pk
    assert len(run("CASE_OVERSIGHT_DUE", D(2026, 6, 1))) == 1


# ---- UNALLOCATED and WORKER_ABSENT ----------------------------------------------------------


def test_unallocated_open_case_on_the_date(run):
    queued = open_case(None)
    open_case(UserFactory())
    open_case(None, closed_on=D(2025, 12, 5), closure_reason="RC7")
    alert = only(run("UNALLOCATED", D(2026, 1, 2)))
    assert (alert.child_id, alert.status, alert.target.model) == (
        queued.pk,
        "flag",
        "workforce.Allocation",
    )
    assert run("UNALLOCATED", D(2025, 10, 30)) == []  # not referred yet


def test_worker_absent_without_cover_and_severity(run):
    worker = UserFactory()
    child = open_case(worker, allocated=D(2025, 11, 30))
    AbsenceFactory(worker=worker, starts_on=D(2025, 12, 22), ended_on=D(2026, 1, 9))
    assert run("WORKER_ABSENT", D(2025, 12, 19)) == []
    assert run("WORKER_ABSENT", D(2026, 1, 12)) == []  # back at work
    alert = only(run("WORKER_ABSENT", D(2026, 1, 9)))  # last day away
    assert (alert.child_id, alert.status, alert.severity) == (child.pk, "flag", "high")


def test_worker_absent_with_no_deadline_near_is_medium_and_cover_clears_it(run):
    worker = UserFactory()
    child = open_case(worker, allocated=D(2026, 3, 20))
    OversightEntryFactory(child=child, recorded_on=D(2026, 3, 20))
    absence = AbsenceFactory(worker=worker, starts_on=D(2026, 3, 23))
    assert only(run("WORKER_ABSENT", D(2026, 3, 24))).severity == "medium"
    CoverFactory(absence=absence, starts_on=D(2026, 3, 23), ends_on=D(2026, 3, 27))
    assert run("WORKER_ABSENT", D(2026, 3, 24)) == []
    assert only(run("WORKER_ABSENT", D(2026, 3, 30))).child_id == child.pk  # cover ended


# ---- SUPERVISION_DUE and CASELOAD_HIGH (worker-level) ---------------------------------------


def test_supervision_monthly_standard(run):
    worker = UserFactory(username="sam.worker")
    open_case(worker)
    StaffRecordFactory(user=worker, qualified_on=D(2015, 7, 1), started_on=D(2020, 1, 6))
    SupervisionSessionFactory(worker=worker, held_on=D(2025, 11, 30))
    alert = only(run("SUPERVISION_DUE", D(2026, 1, 1)))
    assert alert.as_contract() | {"explanation": ""} == {
        "rule": "SUPERVISION_DUE",
        "status": "overdue",
        "severity": "medium",
        "child": None,
        "worker": "sam.worker",
        "team": worker.team_id,
        "due": "2025-12-30",
        "overdue_by": 2,
        "unit": "calendar_days",
        "explanation": "",
    }
    SupervisionSessionFactory(worker=worker, held_on=D(2025, 12, 30))
    assert run("SUPERVISION_DUE", D(2026, 1, 1)) == []


def test_supervision_newly_qualified_weekly_then_fortnightly(run):
    worker = UserFactory()
    open_case(worker)
    StaffRecordFactory(user=worker, qualified_on=D(2025, 11, 3), started_on=D(2025, 11, 3))
    SupervisionSessionFactory(worker=worker, held_on=D(2025, 12, 1))
    assert only(run("SUPERVISION_DUE", D(2025, 12, 9))).due == D(2025, 12, 8)  # weekly
    assert only(run("SUPERVISION_DUE", D(2025, 12, 16))).due == D(2025, 12, 15)  # fortnightly


def test_supervision_team_standard(run):
    worker = UserFactory()
    open_case(worker)
    SupervisionSessionFactory(worker=worker, held_on=D(2025, 11, 3))
    SupervisionStandardFactory(team=worker.team, interval_months=2)
    assert run("SUPERVISION_DUE", D(2025, 12, 20)) == []
    assert only(run("SUPERVISION_DUE", D(2026, 1, 5))).due == D(2026, 1, 3)


def test_caseload_high_team_threshold_and_settings(run, set_value):
    worker = UserFactory()
    worker.team.caseload_threshold = 2
    worker.team.save()
    for _ in range(3):
        open_case(worker)
    open_case(worker, closed_on=D(2025, 12, 1), closure_reason="RC7")
    alert = only(run("CASELOAD_HIGH", D(2026, 1, 5)))
    assert (alert.worker_id, alert.child_id, alert.status) == (worker.pk, None, "flag")
    assert "holds 3 children" in alert.explanation
    set_value("CASELOAD_HIGH", 3, team=worker.team)
    assert run("CASELOAD_HIGH", D(2026, 1, 5)) == []
