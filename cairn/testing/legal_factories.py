"""Factories for legal records (issue 5): legal planning meetings, pre-proceedings, care
proceedings and looked-after periods. They build rows directly; tests that need the audit
trail or the sequence checks call the legal services instead."""

import datetime as dt

import factory

from cairn.casework.models import Meeting, MeetingKind
from cairn.legal.models import (
    CareProceedings,
    CareProceedingsChild,
    Hearing,
    HearingKind,
    LegalDecision,
    LegalPlanningDetail,
    LookedAfterPeriod,
    PreProceedings,
    PreProceedingsChild,
    PreProceedingsExtension,
    PreProceedingsMeeting,
    ProceedingsExtension,
    RequestedFrom,
)
from cairn.testing.factories import PersonFactory, RecordFactory


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=dt.UTC)


class LegalMeetingFactory(RecordFactory):
    class Meta:
        model = Meeting

    kind = MeetingKind.LEGAL_PLANNING
    held_at = factory.LazyFunction(lambda: at(dt.date(2026, 1, 5)))


class LegalPlanningFactory(RecordFactory):
    class Meta:
        model = LegalPlanningDetail

    meeting = factory.SubFactory(LegalMeetingFactory)
    concerns = "Neglect continues despite the child protection plan"
    decision = LegalDecision.START_PRE_PROCEEDINGS
    rationale = "Threshold is met; a last chance to change with legal advice for the parents"
    requested_from = RequestedFrom.MANAGER


class PreProceedingsFactory(RecordFactory):
    """Pre-proceedings decided on 5 January 2026; `children=[...]` adds the children."""

    class Meta:
        model = PreProceedings
        skip_postgeneration_save = True

    decided_on = dt.date(2026, 1, 5)

    @factory.post_generation
    def children(self, create, extracted, **kwargs):
        for child in extracted or [PersonFactory()]:
            PreProceedingsChildFactory(pre_proceedings=self, child=child)


class PreProceedingsChildFactory(RecordFactory):
    class Meta:
        model = PreProceedingsChild

    pre_proceedings = factory.SubFactory(PreProceedingsFactory)
    child = factory.SubFactory(PersonFactory)


class PreProceedingsMeetingFactory(RecordFactory):
    """An initial (default) or review pre-proceedings meeting: pass `meeting__kind` and
    `meeting__held_at`."""

    class Meta:
        model = PreProceedingsMeeting

    meeting = factory.SubFactory(
        LegalMeetingFactory, kind=MeetingKind.PP_INITIAL, held_at=at(dt.date(2026, 1, 19))
    )
    pre_proceedings = factory.SubFactory(PreProceedingsFactory)
    parents_legal_rep = "Y"


class PreProceedingsExtensionFactory(RecordFactory):
    class Meta:
        model = PreProceedingsExtension

    pre_proceedings = factory.SubFactory(PreProceedingsFactory)
    decided_on = dt.date(2026, 3, 2)
    weeks = 4
    reason = "Assessment of the father not yet complete"


class CareProceedingsFactory(RecordFactory):
    """Care proceedings issued on 2 February 2026; `children=[...]` adds the children."""

    class Meta:
        model = CareProceedings
        skip_postgeneration_save = True

    issued_on = dt.date(2026, 2, 2)
    court = "Family Court at Riverside"
    case_number = factory.Sequence(lambda n: f"RV26C{n:05d}")

    @factory.post_generation
    def children(self, create, extracted, **kwargs):
        for child in extracted or [PersonFactory()]:
            CareProceedingsChild.objects.create(
                proceedings=self,
                child=child,
                created_by=self.created_by,
                updated_by=self.created_by,
            )


class HearingFactory(RecordFactory):
    class Meta:
        model = Hearing

    proceedings = factory.SubFactory(CareProceedingsFactory)
    kind = HearingKind.CASE_MANAGEMENT
    held_on = dt.date(2026, 2, 16)


class ProceedingsExtensionFactory(RecordFactory):
    class Meta:
        model = ProceedingsExtension

    proceedings = factory.SubFactory(CareProceedingsFactory)
    granted_on = dt.date(2026, 7, 20)
    weeks = 8
    reason = "Expert assessment of the mother delayed"


class LookedAfterPeriodFactory(RecordFactory):
    class Meta:
        model = LookedAfterPeriod

    child = factory.SubFactory(PersonFactory)
    started_on = dt.date(2026, 2, 2)
    legal_status = "C1"
