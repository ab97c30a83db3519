"""Factories for caseload weights, establishment, supervision and case oversight (workforce,
issue 6). Staff records, absences and training are in staff_factories.py."""

import datetime as dt
from decimal import Decimal

import factory

from cairn.accounts.roles import Role
from cairn.testing.factories import PersonFactory, RecordFactory, TeamFactory, UserFactory
from cairn.workforce.models import (
    CaseloadWeight,
    CaseType,
    OversightAction,
    OversightEntry,
    OversightKind,
    SupervisionKind,
    SupervisionSession,
    SupervisionStandard,
    TeamEstablishment,
)


class CaseloadWeightFactory(RecordFactory):
    class Meta:
        model = CaseloadWeight

    case_type = CaseType.CP
    weight = Decimal("1.5")


class TeamEstablishmentFactory(RecordFactory):
    class Meta:
        model = TeamEstablishment

    team = factory.SubFactory(TeamFactory)
    from_on = dt.date(2025, 4, 1)
    posts_fte = Decimal("8")


class SupervisionStandardFactory(RecordFactory):
    class Meta:
        model = SupervisionStandard

    team = None
    interval_months = 1
    nq_weekly_weeks = 6
    nq_fortnightly_months = 6


class SupervisionSessionFactory(RecordFactory):
    class Meta:
        model = SupervisionSession

    worker = factory.SubFactory(UserFactory)
    supervisor = factory.SubFactory(UserFactory, role=Role.TEAM_MANAGER)
    held_on = dt.date(2026, 3, 2)
    kind = SupervisionKind.FORMAL


class OversightEntryFactory(RecordFactory):
    class Meta:
        model = OversightEntry

    child = factory.SubFactory(PersonFactory)
    manager = factory.SubFactory(UserFactory, role=Role.TEAM_MANAGER)
    recorded_on = dt.date(2026, 3, 2)
    kind = OversightKind.DECISION
    reflection = "The plan is on track; school attendance is up"


class OversightActionFactory(RecordFactory):
    class Meta:
        model = OversightAction

    entry = factory.SubFactory(OversightEntryFactory)
    what = "Ask the school for an attendance report"
    owner = factory.SubFactory(UserFactory)
    due_on = dt.date(2026, 3, 30)
