"""Recording a change of level: from the current level, with reason and date checks."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cairn.core.models import AuditAction, AuditEvent
from cairn.frontdoor.models import Level, LevelTransition
from cairn.frontdoor.services import level_transition_record
from cairn.frontdoor.tests.conftest import TODAY
from cairn.testing.audit import assert_audited
from cairn.testing.factories import PersonFactory
from cairn.testing.frontdoor_factories import LevelTransitionFactory

pytestmark = pytest.mark.django_db


def _counts():
    return LevelTransition.all_objects.count(), AuditEvent.objects.count()


def test_records_the_move_from_the_current_level(worker):
    child = PersonFactory()
    LevelTransitionFactory(child=child, occurred_on=dt.date(2026, 1, 5), to_level=Level.CIN)

    moved = level_transition_record(
        actor=worker,
        child=child,
        occurred_on=dt.date(2026, 3, 2),
        to_level=Level.CP,
        reason="ICPC decided a child protection plan",
    )

    assert (moved.from_level, moved.to_level) == (Level.CIN, Level.CP)
    assert moved.decided_by == worker
    event = assert_audited(
        instance=moved, action=AuditAction.CREATE, actor=worker, fields={"from_level", "to_level"}
    )
    assert event.person == child


def test_a_child_never_moved_starts_from_no_service(worker):
    moved = level_transition_record(
        actor=worker,
        child=PersonFactory(),
        occurred_on=TODAY,
        to_level=Level.EARLY_HELP,
        reason="x",
    )
    assert moved.from_level == Level.NONE


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"to_level": Level.CIN}, "to_level", "Amara Okafor is already at child in need"),
        ({"to_level": "nowhere"}, "to_level", "Select the level the child moves to"),
        ({"to_level": Level.NONE}, "to_level", "Select the level the child moves to"),
        ({"reason": " "}, "reason", "Enter the reason for the change of level"),
        ({"occurred_on": None}, "occurred_on", "Enter the date of the change of level"),
        (
            {"occurred_on": TODAY + dt.timedelta(days=1)},
            "occurred_on",
            "The date of the change of level must be today or in the past",
        ),
        (
            {"occurred_on": dt.date(2026, 1, 4)},
            "occurred_on",
            "The change of level cannot be before the last one recorded (5 January 2026)",
        ),
    ],
)
def test_refuses_and_writes_nothing(worker, overrides, field, message):
    child = PersonFactory(given_name="Amara", family_name="Okafor")
    LevelTransitionFactory(child=child, occurred_on=dt.date(2026, 1, 5), to_level=Level.CIN)
    before = _counts()
    details = {
        "actor": worker,
        "child": child,
        "occurred_on": TODAY,
        "to_level": Level.CP,
        "reason": "Significant harm suspected",
    }

    with pytest.raises(ValidationError) as refused:
        level_transition_record(**(details | overrides))

    assert refused.value.message_dict[field] == [message]
    assert _counts() == before
