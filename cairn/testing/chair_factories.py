"""Factories for the CP chair's oversight: midpoint reviews and practice alerts with their
stages. CP plans and conferences come from protection_factories (cp_plan_with_history)."""

import datetime as dt

import factory

from cairn.protection.models import (
    AlertConcern,
    MidpointReview,
    PracticeAlert,
    PracticeAlertStage,
    ProgressRating,
)
from cairn.testing.factories import RecordFactory, UserFactory
from cairn.testing.protection_factories import CPPlanFactory


class MidpointReviewFactory(RecordFactory):
    class Meta:
        model = MidpointReview

    plan = factory.SubFactory(CPPlanFactory)
    child = factory.SelfAttribute("plan.child")
    chair = factory.SubFactory(UserFactory, role="cp_chair")
    reviewed_on = dt.date(2026, 3, 11)
    progress = ProgressRating.SOME


class PracticeAlertFactory(RecordFactory):
    """An open alert at stage 1 (add its stage with PracticeAlertStageFactory)."""

    class Meta:
        model = PracticeAlert

    plan = factory.SubFactory(CPPlanFactory)
    child = factory.SelfAttribute("plan.child")
    raised_by = factory.SubFactory(UserFactory, role="cp_chair")
    raised_on = dt.date(2026, 3, 2)
    concern = AlertConcern.VISITS_MISSED
    concern_detail = "No child protection visit for five weeks."


class PracticeAlertStageFactory(RecordFactory):
    class Meta:
        model = PracticeAlertStage

    alert = factory.SubFactory(PracticeAlertFactory)
    stage = factory.SelfAttribute("alert.stage")
    recipient = factory.SubFactory(UserFactory, role="team_manager")
    started_on = factory.SelfAttribute("alert.raised_on")
    response_due_on = dt.date(2026, 3, 9)
