"""Edge-of-care referrals, interventions and sessions for the legal seed step."""

from cairn.demo.legal.base import Rows, days
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

SESSION_NOTES = {
    SessionKind.HOME_VISIT: "Home visit: routines, boundaries and the safety plan reviewed",
    SessionKind.FAMILY: "Family session on communication and the family agreement",
    SessionKind.CHILD: "Direct work with the child on their worries and wishes",
    SessionKind.PARENTS: "Parenting session: responding to conflict without escalation",
    SessionKind.THERAPY: "Systemic family therapy session",
}


class EdgeOfCareRecords(Rows):
    """Writes edge-of-care records; the step sets the workers and the allocation lookup."""

    def edge_of_care(self, child_id, referred, end_by, outcome) -> None:
        """A referral accepted within days and an intervention of about 12-20 weeks. Ends on
        `end_by` (the day the child became looked after, or before the next level change) or
        when its length is up, if that is on or before the as-of date."""
        rng = self.rng
        allocated = self.allocation_on(child_id, referred)
        if allocated is None:
            return
        team_id, referrer_id = allocated
        workers = self.eoc_workers or self.practitioners[team_id]
        managers = self.eoc_managers
        if not workers or referrer_id is None:
            return
        decided = referred + days(rng.randint(0, 5))
        started = decided + days(rng.randint(0, 7))
        ended = started + days(rng.randint(84, 140))
        if end_by is not None:
            ended = min(ended, end_by) if outcome != InterventionOutcome.LOOKED_AFTER else end_by
        if started > self.as_of or (end_by is not None and started > ended):
            return
        if ended > self.as_of:
            if outcome == InterventionOutcome.LOOKED_AFTER:
                return
            ended, outcome = None, ""
        decider = (rng.choice(managers) if managers else rng.choice(workers)).pk
        referral = self.add(
            EdgeOfCareReferral,
            child=child_id,
            referred_on=referred,
            referrer=referrer_id,
            team=team_id,
            reason="Family relationships at breaking point; a parent has asked for care",
            risk_of_care=rng.choice(RiskOfCare.values),
            status=ReferralStatus.ENDED if ended else ReferralStatus.IN_INTERVENTION,
            decision=ReferralDecision.ACCEPTED,
            decided_on=decided,
            decided_by=decider,
            decision_reason="At risk of entering care; the family agree to work with us",
        )
        intervention = self.add(
            Intervention,
            referral=referral.id,
            worker=rng.choice(workers).pk,
            started_on=started,
            goals="The child stays safely at home; calmer relationships; a family agreement",
            ended_on=ended,
            outcome=outcome,
        )
        day, last = started, ended or self.as_of
        while day <= last:
            kind = rng.choice(list(SESSION_NOTES))
            self.add(
                InterventionSession,
                intervention=intervention.id,
                held_on=day,
                kind=kind,
                note=SESSION_NOTES[kind],
            )
            day += days(rng.randint(6, 14))
        self.stats["edge_of_care"] += 1
        self.stats[f"edge_of_care_{outcome or 'open'}"] += 1
