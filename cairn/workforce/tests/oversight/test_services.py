"""Management oversight on a child's record: an entry with its drift check and actions, and
marking an action done; each write audited with the child as its subject."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cairn.accounts.roles import Role
from cairn.core.models import AuditAction
from cairn.core.records import ConcurrentEditError
from cairn.testing.audit import assert_audited
from cairn.testing.workforce_factories import OversightActionFactory, OversightEntryFactory
from cairn.workforce.models import OversightActionStatus, OversightKind
from cairn.workforce.services.oversight import (
    ActionInput,
    oversight_action_complete,
    oversight_entry_record,
)

TODAY = dt.date(2026, 3, 16)


def _record(actor, child, **change):
    data = {
        "recorded_on": TODAY,
        "kind": OversightKind.DECISION,
        "reflection": "Attendance is up; the family engage with the plan",
    } | change
    return oversight_entry_record(actor=actor, child=child, **data)


@pytest.mark.django_db
def test_a_manager_records_oversight_with_a_drift_check_and_actions(users, child_in_north):
    manager, worker = users[Role.TEAM_MANAGER], users[Role.SOCIAL_WORKER]

    entry = _record(
        manager,
        child_in_north,
        decision="Continue the plan; review in 6 weeks",
        plan_making_difference="partly",
        what_will_change="Parenting course starts in April",
        actions=[
            ActionInput(what="Book the parenting course", owner=worker, due_on=dt.date(2026, 4, 1)),
            ActionInput(what="Speak to the school", owner=manager, due_on=TODAY),
        ],
    )

    event = assert_audited(instance=entry, action=AuditAction.CREATE, actor=manager)
    assert event.person == child_in_north
    assert (entry.manager, entry.plan_making_difference) == (manager, "partly")
    actions = list(entry.actions.order_by("due_on"))
    assert [(a.what, a.owner) for a in actions] == [
        ("Speak to the school", manager),
        ("Book the parenting course", worker),
    ]
    for action in actions:
        assert assert_audited(instance=action, action="create", actor=manager).person == (
            child_in_north
        )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"recorded_on": None}, "recorded_on", "Enter the date of the oversight"),
        ({"recorded_on": dt.date(2026, 3, 17)}, "recorded_on", "must be today or in the past"),
        ({"kind": "chat"}, "kind", "Select the type of oversight"),
        ({"kind": OversightKind.SUPERVISION}, "kind", "recorded with the supervision session"),
        ({"reflection": " "}, "reflection", "Enter your reflection on the case"),
        ({"plan_making_difference": "maybe"}, "plan_making_difference", "Select whether"),
        (
            {"actions": [ActionInput(what="", owner=None, due_on=None)]},
            "action_1_what",
            "Enter what action 1 is",
        ),
        (
            {"actions": [ActionInput(what="Visit", owner=None, due_on=TODAY)]},
            "action_1_owner",
            "Select who owns action 1",
        ),
        (
            {"actions": [ActionInput(what="Visit", owner=None, due_on=dt.date(2026, 3, 13))]},
            "action_1_due_on",
            "Action 1 must be due on or after the date of the entry, 16 March 2026",
        ),
    ],
)
def test_bad_oversight_is_refused_field_by_field(users, child_in_north, change, field, message):
    with pytest.raises(ValidationError) as refused:
        _record(users[Role.TEAM_MANAGER], child_in_north, **change)
    assert message in refused.value.message_dict[field][0]
    assert not child_in_north.oversight_entries.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "field"),
    [
        (Role.SOCIAL_WORKER, "manager"),
        (Role.SENIOR_PRACTITIONER, "manager"),
        (Role.CP_CHAIR, "manager"),
        (Role.SENIOR_LEADER, "manager"),
        (Role.SERVICE_MANAGER, None),
        (Role.TEAM_MANAGER, None),
    ],
)
def test_oversight_is_recorded_by_a_manager_of_the_childs_team(users, child_in_north, role, field):
    if field is None:
        assert _record(users[role], child_in_north).manager == users[role]
        return
    with pytest.raises(ValidationError) as refused:
        _record(users[role], child_in_north)
    assert list(refused.value.message_dict) == [field]


@pytest.mark.django_db
def test_a_manager_of_another_team_cannot_record_oversight(users, child_in_disabled_team):
    with pytest.raises(ValidationError, match="is not in a team you manage"):
        _record(users[Role.TEAM_MANAGER], child_in_disabled_team)


@pytest.mark.django_db
def test_the_owner_marks_an_action_done(users, child_in_north):
    worker = users[Role.SOCIAL_WORKER]
    action = OversightActionFactory(entry=OversightEntryFactory(child=child_in_north), owner=worker)

    done = oversight_action_complete(
        actor=worker, action=action, expected_version=action.version, done_on=TODAY
    )

    assert (done.status, done.done_on) == (OversightActionStatus.DONE, TODAY)
    event = assert_audited(instance=done, action="update", actor=worker, fields={"status"})
    assert event.person == child_in_north


@pytest.mark.django_db
def test_marking_an_action_done_is_refused_when_it_cannot_be(users, child_in_north):
    action = OversightActionFactory(
        entry=OversightEntryFactory(child=child_in_north, recorded_on=dt.date(2026, 3, 2)),
        owner=users[Role.SOCIAL_WORKER],
    )
    senior = users[Role.SENIOR_PRACTITIONER]
    with pytest.raises(ValidationError, match="Only the owner of the action or a manager"):
        oversight_action_complete(actor=senior, action=action, expected_version=1, done_on=TODAY)
    with pytest.raises(ValidationError, match="cannot be done before it was agreed, 2 March 2026"):
        oversight_action_complete(
            actor=users[Role.TEAM_MANAGER],
            action=action,
            expected_version=1,
            done_on=dt.date(2026, 3, 1),
        )
    with pytest.raises(ConcurrentEditError):
        oversight_action_complete(
            actor=users[Role.TEAM_MANAGER], action=action, expected_version=7, done_on=TODAY
        )
    action.refresh_from_db()
    assert action.status == OversightActionStatus.OPEN
