"""Recording supervision writes the session and one oversight entry per child discussed, in
one transaction, each audited on the child's record."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cairn.accounts.roles import Role
from cairn.core.models import AuditAction
from cairn.testing.audit import assert_audited
from cairn.testing.factories import AllocationFactory, PersonFactory, UserFactory
from cairn.workforce.models import (
    OversightAction,
    OversightEntry,
    OversightKind,
    SupervisionKind,
    SupervisionSession,
)
from cairn.workforce.services.oversight import ActionInput
from cairn.workforce.services.supervision import ChildDiscussed, supervision_record

TODAY = dt.date(2026, 3, 16)


@pytest.fixture
def three_children(teams, users):
    worker = users[Role.SOCIAL_WORKER]
    children = [PersonFactory() for _ in range(3)]
    for child in children:
        AllocationFactory(child=child, team=teams["north"], worker=worker)
    return children


def _discussed(child, **extra):
    return ChildDiscussed(child=child, reflection=f"Talked about {child.given_name}", **extra)


@pytest.mark.django_db
def test_a_session_with_three_children_writes_three_oversight_entries(users, three_children):
    manager, worker = users[Role.TEAM_MANAGER], users[Role.SOCIAL_WORKER]
    first, second, third = three_children

    session = supervision_record(
        actor=manager,
        worker=worker,
        held_on=TODAY,
        kind=SupervisionKind.FORMAL,
        notes="Wellbeing good; booked on the court skills course",
        children=[
            _discussed(
                first,
                decision="Step down to early help at the next review",
                plan_making_difference="yes",
            ),
            _discussed(
                second,
                plan_making_difference="no",
                what_will_change="Family group conference this month",
                actions=[
                    ActionInput(what="Refer to FGC", owner=worker, due_on=dt.date(2026, 3, 27))
                ],
            ),
            _discussed(third),
        ],
    )

    assert_audited(instance=session, action=AuditAction.CREATE, actor=manager)
    entries = {e.child: e for e in OversightEntry.objects.filter(supervision_session=session)}
    assert set(entries) == set(three_children)
    for child, entry in entries.items():
        assert (entry.kind, entry.manager, entry.recorded_on) == (
            OversightKind.SUPERVISION,
            manager,
            TODAY,
        )
        event = assert_audited(instance=entry, action=AuditAction.CREATE, actor=manager)
        assert event.person == child
    assert entries[first].decision == "Step down to early help at the next review"
    assert entries[second].what_will_change == "Family group conference this month"
    action = OversightAction.objects.get()
    assert (action.entry, action.owner) == (entries[second], worker)
    assert (
        assert_audited(instance=action, action=AuditAction.CREATE, actor=manager).person == second
    )


@pytest.mark.django_db
def test_a_session_may_discuss_no_child(users):
    session = supervision_record(
        actor=users[Role.TEAM_MANAGER],
        worker=users[Role.SOCIAL_WORKER],
        held_on=TODAY,
        kind=SupervisionKind.REFLECTIVE,
    )
    assert session.oversight_entries.count() == 0


@pytest.mark.django_db
def test_a_problem_with_one_child_writes_nothing(users, three_children):
    first, second, third = three_children
    with pytest.raises(ValidationError) as refused:
        supervision_record(
            actor=users[Role.TEAM_MANAGER],
            worker=users[Role.SOCIAL_WORKER],
            held_on=TODAY,
            kind=SupervisionKind.FORMAL,
            children=[
                _discussed(first),
                _discussed(second),
                ChildDiscussed(child=third, reflection="  "),
            ],
        )
    assert refused.value.message_dict == {
        f"child_{third.pk}_reflection": [f"Enter your reflection on {third.full_name}'s case"]
    }
    assert not SupervisionSession.objects.exists()
    assert not OversightEntry.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"held_on": dt.date(2026, 3, 17)}, "held_on", "must be today or in the past"),
        ({"held_on": None}, "held_on", "Enter the date of the supervision"),
        ({"kind": "chat"}, "kind", "Select the type of supervision"),
    ],
)
def test_a_session_must_have_a_date_not_in_the_future_and_a_type(users, change, field, message):
    data = {"held_on": TODAY, "kind": SupervisionKind.FORMAL} | change
    with pytest.raises(ValidationError) as refused:
        supervision_record(actor=users[Role.TEAM_MANAGER], worker=users[Role.SOCIAL_WORKER], **data)
    assert message in refused.value.message_dict[field][0]


@pytest.mark.django_db
def test_a_child_discussed_twice_is_refused(users, three_children):
    child = three_children[0]
    with pytest.raises(ValidationError) as refused:
        supervision_record(
            actor=users[Role.TEAM_MANAGER],
            worker=users[Role.SOCIAL_WORKER],
            held_on=TODAY,
            kind=SupervisionKind.FORMAL,
            children=[_discussed(child), _discussed(child)],
        )
    assert refused.value.message_dict == {
        f"child_{child.pk}_child": [f"{child.full_name} is listed twice"]
    }


@pytest.mark.django_db
def test_a_child_outside_the_managers_teams_is_refused(users, child_in_disabled_team):
    with pytest.raises(ValidationError) as refused:
        supervision_record(
            actor=users[Role.TEAM_MANAGER],
            worker=users[Role.SOCIAL_WORKER],
            held_on=TODAY,
            kind=SupervisionKind.FORMAL,
            children=[_discussed(child_in_disabled_team)],
        )
    assert refused.value.message_dict == {
        f"child_{child_in_disabled_team.pk}_child": [
            f"{child_in_disabled_team.full_name} is not in a team you manage"
        ]
    }


@pytest.mark.django_db
def test_you_cannot_record_your_own_supervision(users):
    manager = users[Role.TEAM_MANAGER]
    with pytest.raises(ValidationError, match="You cannot record your own supervision"):
        supervision_record(actor=manager, worker=manager, held_on=TODAY, kind="formal")


@pytest.mark.django_db
def test_a_line_manager_in_another_team_may_supervise(teams, users):
    manager = UserFactory(role=Role.TEAM_MANAGER, team=teams["south"])
    worker = UserFactory(role=Role.SOCIAL_WORKER, team=teams["north"], manager=manager)
    session = supervision_record(actor=manager, worker=worker, held_on=TODAY, kind="formal")
    assert session.supervisor == manager


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.TEAM_MANAGER, True),
        (Role.SERVICE_MANAGER, True),
        (Role.SENIOR_PRACTITIONER, False),
        (Role.CP_CHAIR, False),
        (Role.QA_OFFICER, False),
        (Role.SENIOR_LEADER, False),
        (Role.SYSTEM_ADMIN, False),
    ],
)
def test_supervision_is_recorded_by_a_manager_of_the_workers_team(users, role, allowed):
    record = {
        "actor": users[role],
        "worker": users[Role.SOCIAL_WORKER],
        "held_on": TODAY,
        "kind": "formal",
    }
    if allowed:
        assert supervision_record(**record).supervisor == users[role]
    else:
        with pytest.raises(ValidationError) as refused:
            supervision_record(**record)
        assert "worker" in refused.value.message_dict
