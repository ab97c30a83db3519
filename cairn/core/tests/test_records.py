"""Generic record steps: create with audit, update with a version check, remove with a reason."""

import pytest
from django.core.exceptions import ValidationError

from cairn.accounts.roles import Role
from cairn.core.models import AuditAction, AuditEvent
from cairn.core.records import ConcurrentEditError, record_create, record_remove, record_update
from cairn.people.models import Identifier, IdentifierSystem, Person
from cairn.testing.audit import assert_audited

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(users):
    return users[Role.SOCIAL_WORKER]


@pytest.fixture
def identifier(child_in_north, worker):
    return record_create(
        model=Identifier,
        actor=worker,
        audit_subject=child_in_north,
        person=child_in_north,
        system=IdentifierSystem.NHS,
        value="9434765919",
    )


def test_record_create_audits_with_the_subject(identifier, worker, child_in_north):
    event = assert_audited(instance=identifier, action=AuditAction.CREATE, actor=worker)
    assert event.person == child_in_north
    assert event.changes["value"] == [None, "9434765919"]
    assert (identifier.created_by, identifier.updated_by) == (worker, worker)


def test_record_create_validates_before_writing(child_in_north, worker):
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as error:
        record_create(
            model=Identifier, actor=worker, person=child_in_north, system="passport", value="1"
        )
    assert "system" in error.value.message_dict
    assert Identifier.all_objects.count() == 0
    assert AuditEvent.objects.count() == before


def test_record_remove_hides_the_record_but_keeps_the_row(identifier, worker, child_in_north):
    record_remove(
        instance=identifier,
        actor=worker,
        reason="Belongs to a sibling",
        audit_subject=child_in_north,
    )

    assert not Identifier.objects.filter(pk=identifier.pk).exists()
    kept = Identifier.all_objects.get(pk=identifier.pk)
    assert kept.removal_reason == "Belongs to a sibling"
    assert kept.removed_by == worker
    assert kept.removed_at is not None
    assert kept.version == 2
    event = assert_audited(instance=identifier, action=AuditAction.REMOVE, actor=worker)
    assert event.person == child_in_north
    assert event.changes == {"removal_reason": [None, "Belongs to a sibling"]}


def test_a_removed_person_is_hidden_from_objects(child_in_north, worker):
    record_remove(instance=child_in_north, actor=worker, reason="Duplicate of C0000099")
    assert not Person.objects.filter(pk=child_in_north.pk).exists()
    assert Person.all_objects.filter(pk=child_in_north.pk).exists()
    assert_audited(instance=child_in_north, action=AuditAction.REMOVE, actor=worker)


@pytest.mark.parametrize("reason", ["", "   "])
def test_record_remove_needs_a_reason(identifier, worker, reason):
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as error:
        record_remove(instance=identifier, actor=worker, reason=reason)
    assert "removal_reason" in error.value.message_dict
    identifier.refresh_from_db()
    assert identifier.removed_at is None
    assert Identifier.objects.filter(pk=identifier.pk).exists()
    assert AuditEvent.objects.count() == before


def test_record_update_applies_changes_and_bumps_the_version(identifier, users):
    manager = users[Role.TEAM_MANAGER]
    updated = record_update(
        instance=identifier, actor=manager, expected_version=1, value="9876543210"
    )
    assert updated.version == 2
    identifier.refresh_from_db()
    assert (identifier.value, identifier.updated_by, identifier.version) == (
        "9876543210",
        manager,
        2,
    )
    event = assert_audited(
        instance=identifier, action=AuditAction.UPDATE, actor=manager, fields={"value"}
    )
    assert event.changes["value"] == ["9434765919", "9876543210"]


def test_record_update_with_a_stale_version_changes_nothing(identifier, worker):
    record_update(instance=identifier, actor=worker, expected_version=1, value="9876543210")
    before = AuditEvent.objects.count()

    with pytest.raises(ConcurrentEditError, match="changed by someone else"):
        record_update(instance=identifier, actor=worker, expected_version=1, value="4010232137")

    identifier.refresh_from_db()
    assert (identifier.value, identifier.version) == ("9876543210", 2)
    assert AuditEvent.objects.count() == before
