"""Factories for staff records, absences, covers and training (workforce, issue 6)."""

import datetime as dt

import factory

from cairn.testing.factories import RecordFactory, UserFactory
from cairn.workforce.models import Absence, AbsenceKind, Cover, StaffRecord, TrainingRecord


class StaffRecordFactory(RecordFactory):
    class Meta:
        model = StaffRecord

    user = factory.SubFactory(UserFactory)
    swe_number = factory.Sequence(lambda n: f"SW{100000 + n}")
    qualified_on = dt.date(2019, 7, 1)
    started_on = dt.date(2020, 1, 6)
    left_on = None


class AbsenceFactory(RecordFactory):
    class Meta:
        model = Absence

    worker = factory.SubFactory(UserFactory)
    kind = AbsenceKind.UNPLANNED
    starts_on = dt.date(2026, 3, 16)
    expected_end_on = None


class CoverFactory(RecordFactory):
    class Meta:
        model = Cover

    absence = factory.SubFactory(AbsenceFactory)
    cover_worker = factory.SubFactory(UserFactory)
    child = None
    starts_on = factory.LazyAttribute(lambda c: c.absence.starts_on)
    ends_on = factory.LazyAttribute(lambda c: c.starts_on + dt.timedelta(days=4))


class TrainingRecordFactory(RecordFactory):
    class Meta:
        model = TrainingRecord

    staff = factory.SubFactory(UserFactory)
    course = "Safeguarding children level 3"
    completed_on = dt.date(2025, 6, 2)
    expires_on = dt.date(2028, 6, 2)
