"""Factories for assessments: the referral (CIN episode) an assessment hangs off, significant
events, and a helper that walks an assessment through its services to a given status, so the
audit trail and status history are real."""

import datetime as dt

import factory

from cairn.casework.models import (
    Assessment,
    AssessmentOutcome,
    AssessmentStatus,
    IdentityAspect,
    SignificantEvent,
    SignificantEventType,
    ViewHolder,
)
from cairn.casework.services import assessments as services
from cairn.frontdoor.models import Episode
from cairn.testing.factories import PersonFactory, RecordFactory


class ReferralFactory(RecordFactory):
    """A referral: the open CIN episode an assessment belongs to."""

    class Meta:
        model = Episode

    child = factory.SubFactory(PersonFactory)
    referral_date = dt.date(2026, 1, 5)
    source = "2A"


class SignificantEventFactory(RecordFactory):
    class Meta:
        model = SignificantEvent

    child = factory.SubFactory(PersonFactory)
    occurred_on = dt.date(2026, 2, 2)
    type = SignificantEventType.INCIDENT
    description = "Police called to the home after an argument"


def complete_sections(*, actor, assessment: Assessment, seen_on: dt.date) -> Assessment:
    """Fill everything submission needs: seen date, outcome, analysis, identity, the child's
    view and factors."""
    assessment = services.assessment_update(
        actor=actor,
        assessment=assessment,
        expected_version=assessment.version,
        child_seen_on=seen_on,
        outcome=AssessmentOutcome.CIN_PLAN,
        analysis="Needs are met only with support; risks reduce with a plan.",
    )
    services.assessment_identity_update(
        actor=actor,
        assessment=assessment,
        answers={
            aspect: ("Talked about at home and at school", "")
            if aspect != IdentityAspect.SEXUALITY
            else ("", "Too young for this to be relevant")
            for aspect in IdentityAspect.values
        },
    )
    services.assessment_view_add(
        actor=actor,
        assessment=assessment,
        holder=ViewHolder.CHILD,
        how_obtained="Seen alone at school",
        content="I like it when Mum is calm.",
    )
    services.assessment_factors_set(actor=actor, assessment=assessment, codes=["3B", "4B"])
    return Assessment.objects.get(pk=assessment.pk)


def assessment_at(
    status: str,
    *,
    worker,
    manager=None,
    episode: Episode | None = None,
    started_on: dt.date = dt.date(2026, 1, 6),
    seen_on: dt.date = dt.date(2026, 1, 9),
    authorised_on: dt.date = dt.date(2026, 2, 2),
) -> Assessment:
    """An assessment moved through the services to `status` (draft, submitted, returned or
    authorised)."""
    episode = episode or ReferralFactory()
    assessment = services.assessment_start(actor=worker, episode=episode, started_on=started_on)
    if status == AssessmentStatus.DRAFT:
        return assessment
    assessment = complete_sections(actor=worker, assessment=assessment, seen_on=seen_on)
    assessment = services.assessment_submit(actor=worker, assessment=assessment)
    if status == AssessmentStatus.RETURNED:
        return services.assessment_return(
            actor=manager, assessment=assessment, comments="Say more about the father"
        )
    if status == AssessmentStatus.AUTHORISED:
        return services.assessment_authorise(
            actor=manager, assessment=assessment, authorised_on=authorised_on
        )
    return assessment
