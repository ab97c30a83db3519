"""PLAN_NO_CONTINGENCY, PLAN_OUTCOME_NOT_MEASURED, NO_CHILD_PARTICIPATION (flags)."""

import datetime as dt

import pytest

from cairn.casework.models import MeetingKind, OutcomeRating
from cairn.casework.models.meetings import ParticipationMode
from cairn.testing.plans_factories import NetworkMemberFactory, OutcomeFactory
from cairn.testing.records_factories import (
    ActivePlanFactory,
    ContingencyFactory,
    EpisodeFactory,
    PlanVersionFactory,
)
from cairn.testing.timescales_factories import meeting_on
from cairn.timescales.tests.conftest import only

pytestmark = pytest.mark.django_db
D = dt.date


def version(**episode):
    plan = ActivePlanFactory(
        episode=EpisodeFactory(referral_date=D(2025, 12, 1), **episode), started_on=D(2026, 1, 5)
    )
    return PlanVersionFactory(plan=plan, made_on=D(2026, 1, 5), authorised_on=D(2026, 1, 5))


def test_no_contingency_until_complete_with_network(run):
    current = version()
    assert only(run("PLAN_NO_CONTINGENCY", D(2026, 2, 2))).target.pk == current.pk
    contingency = ContingencyFactory(plan_version=current)
    assert only(run("PLAN_NO_CONTINGENCY", D(2026, 2, 2))).status == "flag"
    NetworkMemberFactory(contingency=contingency)
    assert run("PLAN_NO_CONTINGENCY", D(2026, 2, 2)) == []


def test_no_contingency_version_authorised_after_the_date_and_closed_case(run):
    assert run("PLAN_NO_CONTINGENCY", D(2026, 1, 4)) == []
    version(closed_on=D(2026, 1, 20), closure_reason="RC7")
    assert run("PLAN_NO_CONTINGENCY", D(2026, 2, 2)) == []


def test_outcome_needs_a_baseline_and_a_rating_by_the_date(run):
    current = version()
    outcome = OutcomeFactory(plan_version=current, baseline=3)
    alert = only(run("PLAN_OUTCOME_NOT_MEASURED", D(2026, 2, 2)))
    assert alert.target.pk == outcome.pk
    OutcomeRating.objects.create(
        outcome=outcome,
        rated_on=D(2026, 2, 2),
        score=5,
        created_by=outcome.created_by,
        updated_by=outcome.created_by,
    )
    assert run("PLAN_OUTCOME_NOT_MEASURED", D(2026, 2, 2)) == []  # rated on the day itself
    assert only(run("PLAN_OUTCOME_NOT_MEASURED", D(2026, 2, 1))).target.pk == outcome.pk
    OutcomeFactory(plan_version=current, baseline=None)
    assert len(run("PLAN_OUTCOME_NOT_MEASURED", D(2026, 2, 3))) == 1  # one per child


def test_no_child_participation_on_the_latest_review(run):
    current = version()
    plan = current.plan
    meeting_on(
        kind=MeetingKind.CIN_REVIEW,
        day=D(2026, 2, 2),
        child=plan.child,
        plan=plan,
        participation=ParticipationMode.IN_WRITING,
    )
    assert run("NO_CHILD_PARTICIPATION", D(2026, 3, 2)) == []
    latest = meeting_on(kind=MeetingKind.CIN_REVIEW, day=D(2026, 3, 2), child=plan.child, plan=plan)
    assert only(run("NO_CHILD_PARTICIPATION", D(2026, 3, 2))).target.pk == latest.pk
    assert run("NO_CHILD_PARTICIPATION", D(2026, 3, 1)) == []  # the later review not held yet
