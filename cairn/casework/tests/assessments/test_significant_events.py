"""Significant events: recording one on the child, and when it calls for an updated assessment
(ASSESSMENT_UPDATE_DUE: event date + 10 working days)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cairn.casework.models import AssessmentStatus, SignificantEvent
from cairn.casework.selectors.assessments import assessment_update_due
from cairn.casework.services.assessments import assessment_start, significant_event_record
from cairn.core.models import AuditAction, AuditEvent
from cairn.testing.assessments_factories import SignificantEventFactory, assessment_at
from cairn.testing.audit import assert_audited
from cairn.testing.factories import AdultFactory, PersonFactory

pytestmark = pytest.mark.django_db


class TestRecord:
    def test_records_the_event_on_the_child(self, worker, child_in_north):
        event = significant_event_record(
            actor=worker,
            child=child_in_north,
            occurred_on=dt.date(2026, 3, 12),
            type="new_adult",
            description="  Mother's new partner has moved in.  ",
        )

        assert event.child == child_in_north
        assert event.description == "Mother's new partner has moved in."
        audit = assert_audited(instance=event, action=AuditAction.CREATE, actor=worker)
        assert audit.person_id == child_in_north.pk

    @pytest.mark.parametrize(
        ("fields", "errors"),
        [
            (
                {"occurred_on": dt.date(2026, 3, 17)},
                {"occurred_on": ["The date of the event must be today or in the past"]},
            ),
            ({"occurred_on": None}, {"occurred_on": ["Enter the date of the event"]}),
            (
                {"type": "party", "description": " "},
                {"type": ["Select the type of event"], "description": ["Describe what happened"]},
            ),
        ],
    )
    def test_refuses_bad_input_and_writes_nothing(self, worker, child_in_north, fields, errors):
        before = AuditEvent.objects.count()
        values = {
            "occurred_on": dt.date(2026, 3, 12),
            "type": "incident",
            "description": "Police called",
        } | fields

        with pytest.raises(ValidationError) as refused:
            significant_event_record(actor=worker, child=child_in_north, **values)

        assert refused.value.message_dict == errors
        assert SignificantEvent.objects.count() == 0
        assert AuditEvent.objects.count() == before

    def test_refuses_a_date_before_the_child_was_born(self, worker):
        child = PersonFactory(date_of_birth=dt.date(2020, 5, 1))

        with pytest.raises(ValidationError) as refused:
            significant_event_record(
                actor=worker,
                child=child,
                occurred_on=dt.date(2020, 4, 30),
                type="incident",
                description="Police called",
            )

        assert refused.value.message_dict == {
            "occurred_on": [
                "The date of the event must be on or after the child's date of birth (1 May 2020)"
            ]
        }

    @pytest.mark.parametrize("who", ["nobody", "adult"])
    def test_refuses_without_a_child_on_record(self, worker, who):
        child = AdultFactory() if who == "adult" else None

        with pytest.raises(ValidationError) as refused:
            significant_event_record(
                actor=worker,
                child=child,
                occurred_on=dt.date(2026, 3, 12),
                type="incident",
                description="Police called",
            )

        assert refused.value.message_dict == {"child": ["Select a child on record"]}
        assert SignificantEvent.objects.count() == 0


class TestUpdateDue:
    @pytest.fixture
    def authorised(self, worker, manager, referral):
        """Authorised Monday 2 February 2026."""
        return assessment_at(
            AssessmentStatus.AUTHORISED, worker=worker, manager=manager, episode=referral
        )

    def test_an_event_after_authorisation_is_due_an_update_in_10_working_days(
        self, authorised, child_in_north
    ):
        event = SignificantEventFactory(child=child_in_north, occurred_on=dt.date(2026, 3, 2))

        (due,) = assessment_update_due(child=child_in_north, as_of=dt.date(2026, 3, 16))

        assert due.event == event
        assert due.previous == authorised
        assert due.due_on == dt.date(2026, 3, 16)
        assert due.overdue_by == 0

    def test_counts_working_days_across_easter(self, authorised, child_in_north):
        SignificantEventFactory(child=child_in_north, occurred_on=dt.date(2026, 3, 30))

        (due,) = assessment_update_due(child=child_in_north, as_of=dt.date(2026, 3, 16))

        # Mon 30 Mar + 10 WD, skipping Good Friday 3 Apr and Easter Monday 6 Apr.
        assert due.due_on == dt.date(2026, 4, 15)
        assert due.overdue_by < 0

    def test_events_on_or_before_authorisation_are_not_due(self, authorised, child_in_north):
        SignificantEventFactory(child=child_in_north, occurred_on=dt.date(2026, 1, 20))
        SignificantEventFactory(child=child_in_north, occurred_on=dt.date(2026, 2, 2))

        assert assessment_update_due(child=child_in_north) == []

    def test_an_assessment_started_since_the_event_meets_it(
        self, worker, authorised, referral, child_in_north
    ):
        first = SignificantEventFactory(child=child_in_north, occurred_on=dt.date(2026, 2, 9))
        later = SignificantEventFactory(child=child_in_north, occurred_on=dt.date(2026, 3, 2))
        assessment_start(
            actor=worker,
            episode=referral,
            started_on=dt.date(2026, 2, 10),
            previous=authorised,
            prompted_by=first,
        )

        due = assessment_update_due(child=child_in_north)

        assert [d.event for d in due] == [later]

    def test_nothing_is_due_without_an_authorised_assessment(self, worker, referral):
        assessment_at(AssessmentStatus.SUBMITTED, worker=worker, episode=referral)
        SignificantEventFactory(child=referral.child, occurred_on=dt.date(2026, 3, 2))

        assert assessment_update_due(child=referral.child) == []

    def test_the_number_of_working_days_is_configurable(self, authorised, child_in_north):
        SignificantEventFactory(child=child_in_north, occurred_on=dt.date(2026, 3, 2))

        (due,) = assessment_update_due(child=child_in_north, working_days=5)

        assert due.due_on == dt.date(2026, 3, 9)
