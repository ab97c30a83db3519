"""Allocating a CIN episode: history kept, reason required, dates checked, nothing written on
refusal."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cairn.accounts.roles import Role
from cairn.core.models import AuditAction, AuditEvent
from cairn.frontdoor.services import episode_close, referral_create_direct
from cairn.testing.audit import assert_audited
from cairn.testing.factories import UserFactory
from cairn.workforce.models import Allocation
from cairn.workforce.services import episode_allocate
from cairn.workforce.tests.conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(users):
    return users[Role.SOCIAL_WORKER]


@pytest.fixture
def episode(child_in_north, worker):
    return referral_create_direct(
        actor=worker, child=child_in_north, referral_date=dt.date(2026, 2, 2), source="1A"
    )


def _counts():
    return Allocation.all_objects.count(), AuditEvent.objects.count()


def test_ends_the_current_allocation_with_the_reason_and_starts_the_new_one(
    episode, worker, users, teams
):
    senior = users[Role.SENIOR_PRACTITIONER]

    new = episode_allocate(
        actor=worker,
        episode=episode,
        team=teams["south"],
        worker=senior,
        reason="Transferred to South: family moved",
        started_on=dt.date(2026, 3, 2),
    )

    history = list(Allocation.objects.filter(episode=episode).order_by("started_on"))
    assert history[-1] == new
    assert (new.team, new.worker, new.started_on) == (teams["south"], senior, dt.date(2026, 3, 2))
    assert history[-2].ended_on == dt.date(2026, 3, 2)
    assert history[-2].reason.endswith("ended: Transferred to South: family moved")
    assert Allocation.objects.filter(child=episode.child, ended_on__isnull=True).get() == new
    assert (
        assert_audited(instance=new, action=AuditAction.CREATE, actor=worker).person
        == episode.child
    )
    assert_audited(
        instance=history[-2], action=AuditAction.UPDATE, actor=worker, fields={"ended_on"}
    )


def test_no_worker_places_the_episode_in_the_team_queue(episode, worker, teams):
    new = episode_allocate(
        actor=worker,
        episode=episode,
        team=teams["south"],
        worker=None,
        reason="Awaiting allocation in South",
        started_on=TODAY,
    )
    assert new.worker is None


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"reason": " "}, "reason", "Enter the reason for the change of allocation"),
        ({"team": None}, "team", "Select the team the episode is allocated to"),
        ({"started_on": None}, "started_on", "Enter the date the allocation starts"),
        (
            {"started_on": TODAY + dt.timedelta(days=1)},
            "started_on",
            "The allocation date must be today or in the past",
        ),
        (
            {"started_on": dt.date(2026, 2, 1)},
            "started_on",
            "The new allocation cannot start before the current one started (2 February 2026)",
        ),
    ],
)
def test_refuses_and_writes_nothing(episode, worker, teams, overrides, field, message):
    before = _counts()
    details = {
        "actor": worker,
        "episode": episode,
        "team": teams["south"],
        "worker": None,
        "reason": "Transfer",
        "started_on": TODAY,
    }
    with pytest.raises(ValidationError) as refused:
        episode_allocate(**(details | overrides))
    assert refused.value.message_dict[field] == [message]
    assert _counts() == before


def test_refuses_the_same_team_and_worker_again(episode, worker, teams):
    with pytest.raises(ValidationError) as refused:
        episode_allocate(
            actor=worker,
            episode=episode,
            team=teams["north"],
            worker=None,
            reason="No change",
            started_on=TODAY,
        )
    assert refused.value.message_dict["worker"] == [
        "The episode is already allocated to this team and worker"
    ]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: UserFactory(username="cp.chair2", role=Role.CP_CHAIR),
            "cannot hold cases: choose a social worker, senior practitioner or manager",
        ),
        (
            lambda: UserFactory(username="gone", role=Role.SOCIAL_WORKER, is_active=False),
            "is no longer active: choose another worker",
        ),
    ],
)
def test_refuses_a_worker_who_cannot_hold_the_case(episode, worker, teams, make, message):
    with pytest.raises(ValidationError) as refused:
        episode_allocate(
            actor=worker,
            episode=episode,
            team=teams["north"],
            worker=make(),
            reason="Allocate",
            started_on=TODAY,
        )
    assert message in refused.value.message_dict["worker"][0]


def test_refuses_a_closed_episode(episode, worker, teams):
    episode_close(actor=worker, episode=episode, closed_on=TODAY, reason="RC7")
    with pytest.raises(ValidationError) as refused:
        episode_allocate(
            actor=worker,
            episode=episode,
            team=teams["south"],
            worker=None,
            reason="Reopen",
            started_on=TODAY,
        )
    assert refused.value.message_dict["episode"] == [
        "This episode closed on 16 March 2026: it cannot be allocated"
    ]
