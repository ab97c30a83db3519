"""A few records for the endpoint tests: a North child with identifiers, a level, a CIN plan
and a CP plan, an open contact (so a drift alert), and a finished return run with its file."""

import datetime as dt

from django.utils import timezone

from cairn.casework.models import PlanKind, PlanStatus
from cairn.frontdoor.models import Level, LevelTransition
from cairn.people.models import Identifier, IdentifierSystem
from cairn.protection.models import CPCategory
from cairn.returns.models import ReturnKind, ReturnRun, RunStatus
from cairn.testing.factories import _system
from cairn.testing.frontdoor_factories import ContactChildFactory, at
from cairn.testing.plans_factories import (
    ActionFactory,
    OutcomeFactory,
    PlanFactory,
    PlanVersionFactory,
)

NHS = "9434765919"


def child_record(child, *, nhs: str | None = NHS) -> dict:
    system = _system()
    if nhs:
        Identifier.objects.create(
            person=child,
            system=IdentifierSystem.NHS,
            value=nhs,
            created_by=system,
            updated_by=system,
        )
    LevelTransition.objects.create(
        child=child,
        occurred_on=dt.date(2026, 1, 5),
        from_level=Level.NONE,
        to_level=Level.CIN,
        reason="Assessment found needs",
        decided_by=system,
        created_by=system,
        updated_by=system,
    )
    cin = PlanFactory(child=child, episode__child=child, status=PlanStatus.ACTIVE)
    version = PlanVersionFactory(plan=cin, authorised_on=dt.date(2026, 2, 4))
    OutcomeFactory(plan_version=version)
    ActionFactory(plan_version=version)
    cp = PlanFactory(
        child=child,
        episode=cin.episode,
        kind=PlanKind.CP,
        status=PlanStatus.ENDED,
        started_on=dt.date(2025, 3, 1),
        ended_on=dt.date(2025, 9, 1),
        end_reason="Risk reduced",
    )
    CPCategory.objects.create(
        plan=cp, category="NEG", from_on=dt.date(2025, 3, 1), created_by=system, updated_by=system
    )
    # A contact received long ago and never decided: the CONTACT_DECISION_1WD alert is overdue.
    ContactChildFactory(child=child, contact__received_at=at(dt.date(2026, 3, 2)))
    return {"cin": cin, "cp": cp}


def finished_run(directory) -> ReturnRun:
    system = _system()
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "census-test.xml").write_bytes(b"<Message>synthetic</Message>")
    return ReturnRun.objects.create(
        kind=ReturnKind.CIN_CENSUS,
        reference_date=dt.date(2026, 3, 31),
        status=RunStatus.DONE,
        processed=1,
        total=1,
        started_at=timezone.now(),
        finished_at=timezone.now(),
        file_name="census-test.xml",
        errors=0,
        queries=0,
        created_by=system,
        updated_by=system,
    )
