"""Assertions on the audit trail."""

from django.contrib.contenttypes.models import ContentType

from cairn.core.models import AccessEvent, AuditEvent


def assert_audited(*, instance, action: str, actor, fields: set[str] | None = None) -> AuditEvent:
    """Assert the latest audit record for `instance` is `action` by `actor` (and names `fields`)."""
    event = (
        AuditEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
            object_id=str(instance.pk),
        )
        .order_by("-id")
        .first()
    )
    assert event is not None, f"No audit record for {instance!r}"
    assert event.action == action, f"Expected {action}, got {event.action}"
    assert event.actor_id == actor.pk, f"Expected actor {actor}, got {event.actor}"
    if fields is not None:
        missing = fields - set(event.changes)
        assert not missing, f"Audit record does not name changed fields {missing}"
    return event


def assert_access_logged(*, person, actor, outcome: str = "granted") -> AccessEvent:
    event = AccessEvent.objects.filter(person=person, actor=actor).order_by("-id").first()
    assert event is not None, f"No access record for {actor} viewing {person}"
    assert event.outcome == outcome, f"Expected {outcome}, got {event.outcome}"
    return event
