"""Factories the drift engine's tests need that no other area has yet: supervision sessions and
standards, management oversight entries, and meetings about a child on a given day."""

import datetime as dt

import factory
from django.utils import timezone

from cairn.casework.models import Meeting
from cairn.casework.models.meetings import MeetingChild
from cairn.testing.factories import PersonFactory, RecordFactory, UserFactory
from cairn.workforce.models import OversightEntry, SupervisionSession, SupervisionStandard


class SupervisionSessionFactory(RecordFactory):
    class Meta:
        model = SupervisionSession

    worker = factory.SubFactory(UserFactory)
    supervisor = factory.SubFactory(UserFactory, role="team_manager")
    held_on = dt.date(2026, 3, 2)
    kind = "formal"


class SupervisionStandardFactory(RecordFactory):
    class Meta:
        model = SupervisionStandard

    team = None
    interval_months = 1


class OversightEntryFactory(RecordFactory):
    class Meta:
        model = OversightEntry

    child = factory.SubFactory(PersonFactory)
    manager = factory.SubFactory(UserFactory, role="team_manager")
    recorded_on = dt.date(2026, 3, 2)
    kind = "decision"
    reflection = "Visits are on track; the plan is making a difference."


def meeting_on(*, kind: str, day: dt.date, child, plan=None, participation: str = "") -> Meeting:
    """A meeting of `kind` about `child` held at 10:00 local time on `day`."""
    meeting = Meeting.objects.create(
        kind=kind,
        held_at=timezone.make_aware(dt.datetime.combine(day, dt.time(10))),
        plan=plan,
        created_by=child.created_by,
        updated_by=child.created_by,
    )
    MeetingChild.objects.create(
        meeting=meeting,
        child=child,
        participation=participation,
        created_by=child.created_by,
        updated_by=child.created_by,
    )
    return meeting
