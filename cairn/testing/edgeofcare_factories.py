"""Factories for edge-of-care records (issue 5): referrals, interventions and sessions. They
build rows directly; tests of the sequence checks and the audit trail call the services."""

import datetime as dt

import factory

from cairn.accounts.roles import Role, TeamKind
from cairn.edgeofcare.models import (
    EdgeOfCareReferral,
    Intervention,
    InterventionOutcome,
    InterventionSession,
    ReferralDecision,
    ReferralStatus,
    RiskOfCare,
    SessionKind,
)
from cairn.testing.factories import PersonFactory, RecordFactory, TeamFactory, UserFactory


class EdgeOfCareTeamFactory(TeamFactory):
    name = factory.Sequence(lambda n: f"Edge of care team {n}")
    kind = TeamKind.EDGE_OF_CARE


class EdgeOfCareWorkerFactory(UserFactory):
    role = Role.SOCIAL_WORKER
    team = factory.SubFactory(EdgeOfCareTeamFactory)


class ReferralFactory(RecordFactory):
    """A referral awaiting a decision, made on 5 January 2026 by a worker of `team`."""

    class Meta:
        model = EdgeOfCareReferral

    child = factory.SubFactory(PersonFactory)
    referred_on = dt.date(2026, 1, 5)
    team = factory.SubFactory(TeamFactory)
    referrer = factory.SubFactory(UserFactory, team=factory.SelfAttribute("..team"))
    reason = "Relationship between the parent and the teenager has broken down"
    risk_of_care = RiskOfCare.HIGH


class AcceptedReferralFactory(ReferralFactory):
    status = ReferralStatus.ACCEPTED
    decision = ReferralDecision.ACCEPTED
    decided_on = factory.LazyAttribute(lambda o: o.referred_on)
    decided_by = factory.SubFactory(EdgeOfCareWorkerFactory, role=Role.TEAM_MANAGER)
    decision_reason = "Meets the criteria: care is likely without intensive support"


class InterventionFactory(RecordFactory):
    """An open intervention for an accepted referral, started the day it was accepted. Pass
    `ended_on` and `outcome` (and the referral's `status=ended`) for an ended one."""

    class Meta:
        model = Intervention

    referral = factory.SubFactory(AcceptedReferralFactory, status=ReferralStatus.IN_INTERVENTION)
    worker = factory.SubFactory(EdgeOfCareWorkerFactory)
    started_on = factory.LazyAttribute(lambda o: o.referral.decided_on)
    goals = "Rebuild the relationship; safe routines at home"


def ended_intervention(*, child, team, referred_on, ended_on, outcome, started_on=None):
    """An ended intervention: referral made on `referred_on` by `team`, accepted and started
    that day (or on `started_on`), ended with `outcome`."""
    referral = AcceptedReferralFactory(
        child=child, team=team, referred_on=referred_on, status=ReferralStatus.ENDED
    )
    return InterventionFactory(
        referral=referral,
        started_on=started_on or referred_on,
        ended_on=ended_on,
        outcome=outcome,
        outcome_other="Moved to live with an aunt" if outcome == InterventionOutcome.OTHER else "",
    )


class SessionFactory(RecordFactory):
    class Meta:
        model = InterventionSession

    intervention = factory.SubFactory(InterventionFactory)
    held_on = factory.LazyAttribute(lambda o: o.intervention.started_on)
    kind = SessionKind.FAMILY
    note = "Worked on a family agreement about curfew"
