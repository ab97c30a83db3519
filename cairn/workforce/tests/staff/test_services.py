"""Staff records: account facts and HR facts changed together, each audited; refusals write
nothing; the newly qualified flag."""

import datetime as dt
import decimal

import pytest
from django.core.exceptions import ValidationError

from cairn.accounts.roles import Role
from cairn.core.models import AuditAction, AuditEvent
from cairn.core.records import ConcurrentEditError
from cairn.testing.audit import assert_audited
from cairn.testing.staff_factories import StaffRecordFactory
from cairn.workforce.selectors.staff import is_newly_qualified
from cairn.workforce.services.staff import staff_record_create, staff_record_update
from cairn.workforce.tests.conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(users):
    return users[Role.SYSTEM_ADMIN]


def test_creates_a_staff_record_and_updates_the_account(admin, users, teams):
    worker = users[Role.SOCIAL_WORKER]
    manager = users[Role.TEAM_MANAGER]
    record = staff_record_create(
        actor=admin,
        user=worker,
        role=Role.SENIOR_PRACTITIONER,
        team=teams["south"],
        manager=manager,
        fte=decimal.Decimal("0.6"),
        is_agency=True,
        swe_number="SW123456",
        qualified_on=dt.date(2025, 7, 1),
        started_on=dt.date(2025, 9, 1),
    )
    worker.refresh_from_db()
    assert (worker.role, worker.team, worker.manager, worker.fte, worker.is_agency) == (
        Role.SENIOR_PRACTITIONER,
        teams["south"],
        manager,
        decimal.Decimal("0.6"),
        True,
    )
    assert record.swe_number == "SW123456"
    assert_audited(instance=record, action=AuditAction.CREATE, actor=admin)
    assert_audited(
        instance=worker, action=AuditAction.UPDATE, actor=admin, fields={"role", "team_id", "fte"}
    )


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"started_on": None}, "started_on", "Enter the date they started"),
        (
            {"left_on": dt.date(2019, 12, 31)},
            "left_on",
            "The leaving date must be on or after the start date",
        ),
        ({"fte": decimal.Decimal("1.5")}, "fte", "Enter the full-time equivalent as a number"),
        ({"manager": "self"}, "manager", "A member of staff cannot be their own manager"),
    ],
)
def test_refuses_and_writes_nothing(admin, users, fields, field, message):
    worker = users[Role.SOCIAL_WORKER]
    details = {"started_on": dt.date(2020, 1, 6)} | fields
    if details.get("manager") == "self":
        details["manager"] = worker
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        staff_record_create(actor=admin, user=worker, **details)
    assert refused.value.message_dict[field][0].startswith(message)
    assert AuditEvent.objects.count() == before


def test_refuses_a_second_record(admin, users):
    record = StaffRecordFactory(user=users[Role.SOCIAL_WORKER])
    with pytest.raises(ValidationError, match="already has a staff record"):
        staff_record_create(actor=admin, user=record.user, started_on=dt.date(2020, 1, 6))


def test_sets_a_leaving_date_with_a_version_check(admin, users):
    record = StaffRecordFactory(user=users[Role.SOCIAL_WORKER])
    updated = staff_record_update(
        actor=admin, record=record, expected_version=1, left_on=dt.date(2026, 3, 31)
    )
    assert updated.left_on == dt.date(2026, 3, 31)
    assert_audited(instance=updated, action=AuditAction.UPDATE, actor=admin, fields={"left_on"})
    with pytest.raises(ConcurrentEditError):
        staff_record_update(
            actor=admin, record=record, expected_version=1, left_on=dt.date(2026, 4, 30)
        )


@pytest.mark.parametrize(
    ("qualified_on", "expected"),
    [
        (None, False),
        (dt.date(2025, 3, 16), False),  # 12 months ago today: the first year is over
        (dt.date(2025, 3, 17), True),
        (TODAY, True),
    ],
)
def test_newly_qualified_is_the_first_12_months(qualified_on, expected):
    assert is_newly_qualified(qualified_on=qualified_on, today=TODAY) is expected
