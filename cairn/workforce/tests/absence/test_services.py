"""Recording an absence, setting cover and ending an absence: refusals write nothing, every
write is audited."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cairn.accounts.roles import Role
from cairn.core.models import AuditAction, AuditEvent
from cairn.testing.audit import assert_audited
from cairn.testing.factories import PersonFactory
from cairn.testing.staff_factories import AbsenceFactory, CoverFactory
from cairn.workforce.models import Absence, AbsenceKind, Cover
from cairn.workforce.services.absence import absence_end, absence_record, cover_set
from cairn.workforce.tests.conftest import TODAY

pytestmark = pytest.mark.django_db


def _counts():
    return Absence.all_objects.count(), Cover.all_objects.count(), AuditEvent.objects.count()


def test_records_an_unplanned_absence(manager, worker):
    absence = absence_record(
        actor=manager,
        worker=worker,
        kind=AbsenceKind.UNPLANNED,
        starts_on=TODAY,
        expected_end_on=TODAY + dt.timedelta(days=4),
        reason="Sickness",
    )
    assert (absence.worker, absence.kind, absence.starts_on) == (worker, "unplanned", TODAY)
    assert_audited(instance=absence, action=AuditAction.CREATE, actor=manager)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"kind": ""}, "kind", "Select whether the absence is planned or unplanned"),
        ({"starts_on": None}, "starts_on", "Enter the first day of the absence"),
        (
            {"expected_end_on": TODAY - dt.timedelta(days=1)},
            "expected_end_on",
            "The expected end must be on or after the first day",
        ),
    ],
)
def test_refuses_bad_absences_and_writes_nothing(manager, worker, overrides, field, message):
    before = _counts()
    details = {"kind": AbsenceKind.PLANNED, "starts_on": TODAY, "expected_end_on": None}
    with pytest.raises(ValidationError) as refused:
        absence_record(actor=manager, worker=worker, **(details | overrides))
    assert refused.value.message_dict[field] == [message]
    assert _counts() == before


def test_refuses_an_absence_overlapping_another(manager, worker):
    AbsenceFactory(worker=worker, starts_on=TODAY, expected_end_on=TODAY + dt.timedelta(days=9))
    with pytest.raises(ValidationError) as refused:
        absence_record(
            actor=manager,
            worker=worker,
            kind=AbsenceKind.PLANNED,
            starts_on=TODAY + dt.timedelta(days=7),
        )
    assert "already has an absence from 16 March 2026" in refused.value.message_dict["starts_on"][0]


def test_sets_cover_for_all_children(manager, worker, cover_worker):
    absence = AbsenceFactory(worker=worker)
    cover = cover_set(
        actor=manager,
        absence=absence,
        cover_worker=cover_worker,
        starts_on=TODAY,
        ends_on=TODAY + dt.timedelta(days=4),
    )
    assert (cover.cover_worker, cover.child, cover.ends_on) == (
        cover_worker,
        None,
        dt.date(2026, 3, 20),
    )
    assert_audited(instance=cover, action=AuditAction.CREATE, actor=manager)


def test_a_cover_for_one_child_is_audited_on_the_childs_record(
    manager, worker, cover_worker, sooner_child
):
    absence = AbsenceFactory(worker=worker)
    cover = cover_set(
        actor=manager,
        absence=absence,
        cover_worker=cover_worker,
        starts_on=TODAY,
        ends_on=TODAY,
        child=sooner_child,
    )
    event = assert_audited(instance=cover, action=AuditAction.CREATE, actor=manager)
    assert event.person == sooner_child


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"cover_worker": None}, "cover_worker", "Select the cover worker"),
        ({"cover_worker": "absent"}, "cover_worker", "must be someone other than the absent"),
        ({"starts_on": None}, "starts_on", "Enter the first day of the cover"),
        (
            {"starts_on": TODAY - dt.timedelta(days=1)},
            "starts_on",
            "The cover cannot start before the absence (16 March 2026)",
        ),
        ({"ends_on": None}, "ends_on", "Enter the last day of the cover"),
        (
            {"ends_on": TODAY - dt.timedelta(days=1)},
            "ends_on",
            "The last day of the cover must be on or after its first day",
        ),
        ({"child": "other"}, "child", "is not allocated to the absent worker"),
    ],
)
def test_refuses_bad_covers_and_writes_nothing(
    manager, worker, cover_worker, overrides, field, message
):
    absence = AbsenceFactory(worker=worker)
    details = {"cover_worker": cover_worker, "starts_on": TODAY, "ends_on": TODAY, "child": None}
    details |= overrides
    if details["cover_worker"] == "absent":
        details["cover_worker"] = worker
    if details["child"] == "other":
        details["child"] = PersonFactory()
    before = _counts()
    with pytest.raises(ValidationError) as refused:
        cover_set(actor=manager, absence=absence, **details)
    assert message in refused.value.message_dict[field][0]
    assert _counts() == before


def test_refuses_a_cover_worker_who_cannot_hold_cases(manager, worker, users):
    absence = AbsenceFactory(worker=worker)
    with pytest.raises(ValidationError) as refused:
        cover_set(
            actor=manager,
            absence=absence,
            cover_worker=users[Role.QA_OFFICER],
            starts_on=TODAY,
            ends_on=TODAY,
        )
    assert "cannot cover cases" in refused.value.message_dict["cover_worker"][0]


def test_ending_the_absence_ends_and_removes_its_covers(manager, worker, cover_worker):
    absence = AbsenceFactory(worker=worker)
    running = CoverFactory(
        absence=absence, cover_worker=cover_worker, starts_on=TODAY, ends_on=dt.date(2026, 3, 27)
    )
    later = CoverFactory(
        absence=absence,
        cover_worker=cover_worker,
        starts_on=dt.date(2026, 3, 23),
        ends_on=dt.date(2026, 3, 27),
    )

    ended = absence_end(
        actor=manager, absence=absence, ended_on=dt.date(2026, 3, 18), expected_version=1
    )

    assert ended.ended_on == dt.date(2026, 3, 18)
    running.refresh_from_db()
    assert running.ends_on == dt.date(2026, 3, 18)
    assert not Cover.objects.filter(pk=later.pk).exists()
    assert_audited(instance=ended, action=AuditAction.UPDATE, actor=manager, fields={"ended_on"})
    assert_audited(instance=later, action=AuditAction.REMOVE, actor=manager)


def test_refuses_an_end_before_the_start(manager, worker):
    absence = AbsenceFactory(worker=worker)
    with pytest.raises(ValidationError) as refused:
        absence_end(
            actor=manager, absence=absence, ended_on=dt.date(2026, 3, 13), expected_version=1
        )
    assert refused.value.message_dict["ended_on"] == [
        "The last day cannot be before the first (16 March 2026)"
    ]
