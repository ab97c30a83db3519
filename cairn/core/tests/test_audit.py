"""The audit service refuses to write without an actor and records what changed."""

import datetime as dt
import decimal

import pytest

from cairn.accounts.models import User
from cairn.accounts.roles import Role
from cairn.accounts.services import system_actor
from cairn.core.audit import (
    MissingActorError,
    audit_bulk_created,
    audit_record,
    changes_between,
    record_access,
    snapshot,
)
from cairn.core.models import AccessEvent, AccessOutcome, AuditAction, AuditEvent
from cairn.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("actor", [None, User(username="unsaved")])
def test_audit_record_refuses_without_an_actor(child_in_north, actor):
    before = AuditEvent.objects.count()
    with pytest.raises(MissingActorError):
        audit_record(actor=actor, action=AuditAction.UPDATE, instance=child_in_north)
    assert AuditEvent.objects.count() == before


def test_audit_record_refuses_an_unknown_action(child_in_north, users):
    with pytest.raises(ValueError, match="Unknown audit action"):
        audit_record(actor=users[Role.SOCIAL_WORKER], action="peek", instance=child_in_north)


def test_audit_record_names_the_actor_record_person_and_channel(child_in_north, users):
    actor = users[Role.SOCIAL_WORKER]
    event = audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=child_in_north,
        changes={"known_as": ["", "Mara"]},
        person=child_in_north,
        via="import_job",
    )
    event.refresh_from_db()
    assert (event.actor, event.person, event.via) == (actor, child_in_north, "import_job")
    assert event.object_id == str(child_in_north.pk)
    assert event.object_repr == "Amara Okafor"
    assert event.content_type.model_class() is Person
    assert event.changes == {"known_as": ["", "Mara"]}


def test_the_system_actor_can_audit_but_cannot_sign_in(db):
    actor = system_actor()
    assert actor.role == Role.SYSTEM
    assert not actor.is_active
    assert not actor.has_usable_password()
    assert system_actor().pk == actor.pk  # one system actor, reused
    event = audit_bulk_created(actor=actor, model=Person, count=12, via="seed")
    assert event.changes == {"count": [None, 12]}
    assert event.object_repr == "12 people"


def test_bulk_audit_refuses_without_an_actor(db):
    with pytest.raises(MissingActorError):
        audit_bulk_created(actor=None, model=Person, count=1, via="seed")


def test_record_access_logs_granted_and_denied_views(child_in_north, users):
    actor = users[Role.CP_CHAIR]
    record_access(actor=actor, person=child_in_north, page="/people/1/")
    record_access(actor=actor, person=child_in_north, page="/people/1/", granted=False)
    outcomes = list(
        AccessEvent.objects.filter(person=child_in_north, actor=actor)
        .order_by("id")
        .values_list("outcome", flat=True)
    )
    assert outcomes == [AccessOutcome.GRANTED, AccessOutcome.DENIED]


def test_record_access_refuses_without_an_actor(child_in_north):
    with pytest.raises(MissingActorError):
        record_access(actor=None, person=child_in_north, page="/people/1/")
    assert not AccessEvent.objects.exists()


def test_snapshot_is_json_safe_and_leaves_out_bookkeeping(child_in_north):
    values = snapshot(child_in_north)
    assert values["date_of_birth"] == child_in_north.date_of_birth.isoformat()
    assert values["family_name"] == "Okafor"
    assert not {"created_at", "updated_at", "created_by_id", "updated_by_id", "version"} & set(
        values
    )


def test_changes_between_lists_only_what_changed():
    before = {"a": 1, "b": dt.date(2026, 1, 1).isoformat(), "c": str(decimal.Decimal("1.0"))}
    after = {"a": 1, "b": "2026-01-02", "c": "1.0"}
    assert changes_between(before, after) == {"b": ["2026-01-01", "2026-01-02"]}
