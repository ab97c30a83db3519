"""visit_record: the happy path, each refusal with its message and nothing written, the audit."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cairn.casework.models import Visit, VisitKind
from cairn.casework.services.visits import visit_record
from cairn.core.models import AuditEvent
from cairn.testing.audit import assert_audited
from cairn.testing.records_factories import EpisodeFactory

from .conftest import REFERRAL, TODAY

pytestmark = pytest.mark.django_db


def _visit(actor, child, **overrides):
    fields = {
        "kind": VisitKind.CIN,
        "visited_on": dt.date(2026, 3, 12),
        "child_seen": True,
        "seen_alone": True,
        "bedroom_seen": True,
        "location": "The family home",
        "present": "Mother",
        "wishes_and_feelings": "I like my new school",
        "direct_work": "Three houses",
        "observations": "Warm and tidy home",
        "analysis": "Amara is settled",
    }
    return visit_record(actor=actor, child=child, **(fields | overrides))


def test_records_the_visit_on_the_open_episode_by_the_worker(worker, open_child, episode):
    visit = _visit(worker, open_child)

    visit.refresh_from_db()
    assert visit.episode == episode
    assert visit.worker == worker
    assert visit.child == open_child
    assert (visit.child_seen, visit.seen_alone, visit.bedroom_seen) == (True, True, True)
    assert visit.wishes_and_feelings == "I like my new school"
    event = assert_audited(instance=visit, action="create", actor=worker, fields={"visited_on"})
    assert event.person == open_child


def test_a_visit_today_and_on_the_referral_date_are_accepted(worker, open_child):
    assert _visit(worker, open_child, visited_on=TODAY).visited_on == TODAY
    assert _visit(worker, open_child, visited_on=REFERRAL).visited_on == REFERRAL


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"visited_on": TODAY + dt.timedelta(days=1)},
            "visited_on",
            "The date of the visit must be today or in the past",
        ),
        (
            {"visited_on": REFERRAL - dt.timedelta(days=1)},
            "visited_on",
            "The date of the visit must be on or after the referral date, 19 December 2025",
        ),
        (
            {"child_seen": False, "seen_alone": True},
            "seen_alone",
            "The child cannot have been seen alone if they were not seen",
        ),
        ({"location": "  "}, "location", "Enter where the visit took place"),
        ({"kind": "phone"}, "kind", "Select the type of visit"),
    ],
)
def test_refused_with_a_specific_message_and_nothing_written(
    worker, open_child, overrides, field, message
):
    audit_before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        _visit(worker, open_child, **overrides)
    assert refused.value.message_dict[field] == [message]
    assert not Visit.objects.exists()
    assert AuditEvent.objects.count() == audit_before


def test_refused_for_a_child_not_open_to_the_service(worker, child_in_north):
    EpisodeFactory(
        child=child_in_north,
        referral_date=dt.date(2024, 1, 8),
        closed_on=dt.date(2024, 6, 3),
        closure_reason="RC1",
    )
    with pytest.raises(ValidationError) as refused:
        _visit(worker, child_in_north)
    assert refused.value.message_dict["child"] == [
        "Amara Okafor is not open to children's social care: "
        "a visit can only be recorded during an open referral"
    ]
    assert not Visit.objects.exists()


def test_a_child_not_seen_is_recorded_as_not_seen(worker, open_child):
    visit = _visit(worker, open_child, child_seen=False, seen_alone=False)
    assert visit.child_seen is False
